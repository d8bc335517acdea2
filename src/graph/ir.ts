/** The computation-graph IR that the inference engine executes. */

export interface ModelGraph {
  readonly name: string;
  readonly dims: Readonly<Record<string, number>>;
}
