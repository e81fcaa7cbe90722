/**
 * What a run is asked to make. Build, build --all, verify and the preview's PDF button make documents; diff
 * makes redlines. Both go through the same chain: prepare → print → write.
 */
export type Job = DocumentJob | RedlineJob;

/** One document of a year (content/<year>/<name>.yaml), in every version its kind prints. */
export interface DocumentJob {
  kind: 'document';
  year: string;
  dataFile: string;
  /** How the document is named in progress and summary: 2022/kamerbrief. */
  label: string;
}

/** One document of a year in two revisions, compared: the redline <name>.diff.pdf. */
export interface RedlineJob {
  kind: 'redline';
  year: string;
  /** The new revision's data file (in `to.dir`). */
  dataFile: string;
  label: string;
  /** The revisions' content folders, and how they are named (a git revision, a folder). */
  from: RevisionFolder;
  to: RevisionFolder;
}

export interface RevisionFolder {
  dir: string;
  label: string;
}
