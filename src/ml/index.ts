// The ML core: pure TypeScript numbers-in, numbers-out, shared by the plugin bundle and the Node engine.
// It imports nothing from Grafana, React or Node.
export {};
