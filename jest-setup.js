// Jest setup provided by Grafana scaffolding
import './.config/jest-setup';

// jsdom has no canvas; @grafana/ui's Combobox measures option text with one. A fixed-width stand-in
// keeps layout code running (only under jsdom: Node-environment tests have no canvas at all).
if (typeof HTMLCanvasElement !== 'undefined' && typeof HTMLCanvasElement.prototype !== 'undefined') {
  HTMLCanvasElement.prototype.getContext = function getContext() {
    return { measureText: (text) => ({ width: String(text).length * 7 }), font: '' };
  };
}
