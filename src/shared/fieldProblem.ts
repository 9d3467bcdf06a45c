// How a form field shows what is wrong with its value: Grafana's Field marks itself invalid and shows the
// message under the input; no message, no mark.
export function fieldProblem(message: string | undefined): { invalid: boolean; error: string | undefined } {
  return { invalid: Boolean(message), error: message };
}
