/* Generated from schemas/diff.schema.json by `npm run gen:types`. Do not edit: change the schema and regenerate. */

/**
 * What `subproc diff OLD NEW --format json` prints: the two releases compared and each change between them, customer notice first.
 */
export interface ReleaseDiff {
  /**
   * Always "subproc".
   */
  tool: 'subproc';
  old: Side;
  new: Side1;
  /**
   * Whether both releases were verified with a trusted public key before being compared.
   */
  verified: boolean;
  /**
   * True when OLD has a higher version than NEW: the items then say what going back to NEW changes.
   */
  oldIsNewer?: boolean;
  /**
   * Whether any subprocessor differs between the two releases.
   */
  changed: boolean;
  /**
   * One per change to one subprocessor: those customers must be told of first, then the others.
   */
  items: {
    /**
     * The kind of change, from subproc's table of kinds (scripts/engine/change.ts).
     */
    kind:
      | 'added'
      | 'reactivated'
      | 'retired'
      | 'deleted'
      | 'place-added'
      | 'mechanism-changed'
      | 'users-widened'
      | 'users-narrowed'
      | 'scope-widened'
      | 'scope-narrowed'
      | 'special-data-added'
      | 'place-removed'
      | 'edited';
    /**
     * The subprocessor's id.
     */
    id: string;
    /**
     * The subprocessor's name (in NEW, or in OLD when it is gone).
     */
    name: string;
    /**
     * Whether customers must be told of this change before it applies (GDPR Art. 28(2)).
     */
    needsNotice: boolean;
    /**
     * The change in words, as the release notes say it.
     */
    text: string;
  }[];
}
/**
 * The release compared from.
 */
export interface Side {
  /**
   * The release's version, MAJOR.MINOR.PATCH.
   */
  version: string;
  /**
   * When it was released, as the document says (ISO 8601, UTC).
   */
  releasedAt: string;
  /**
   * The file it was read from, as given on the command line.
   */
  source?: string;
}
/**
 * The release compared to.
 */
export interface Side1 {
  /**
   * The release's version, MAJOR.MINOR.PATCH.
   */
  version: string;
  /**
   * When it was released, as the document says (ISO 8601, UTC).
   */
  releasedAt: string;
  /**
   * The file it was read from, as given on the command line.
   */
  source?: string;
}
