// What the editor gives the fields of one query kind: the query, which of its fields are invalid, a way to change
// it (and run it at once, for choices that need no more typing) and to run it (when a text input is left).
export interface KindFieldProps<Q> {
  query: Q;
  invalid: (field: keyof Q) => boolean;
  onChange: (next: Q, run?: boolean) => void;
  onRunQuery: () => void;
}
