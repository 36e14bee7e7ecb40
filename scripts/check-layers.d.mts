/** The problems of the tree under root (domain imports, cycles) and how many files it holds. */
export function checkLayers(root: string): { files: number; problems: string[] };
