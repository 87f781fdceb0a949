/* Generated from schemas/policy-data.schema.json by `npm run gen:types`. Do not edit: change the schema and regenerate. */

/**
 * The dated, sourced facts the transfer policies apply (policies/data/gdpr-transfers.json).
 */
export interface TransferPolicyData {
  /**
   * What the file holds.
   */
  description: string;
  /**
   * When a person last checked every fact in this file against its source.
   */
  reviewedOn: string;
  /**
   * How long a review stays fresh; past it, the stale-policy-data policy warns.
   */
  reviewEveryDays: number;
  /**
   * Members of the European Economic Area.
   */
  eea: {
    /**
     * EU member states, ISO codes (GR, not EL).
     */
    eu: string[];
    /**
     * EFTA states in the EEA: IS, LI, NO.
     */
    efta: string[];
    /**
     * Where the membership comes from.
     */
    source: string;
  };
  /**
   * Region codes a registry may use instead of a country.
   */
  regions: {
    /**
     * The region code.
     */
    code: string;
    /**
     * How messages name it.
     */
    name: string;
    /**
     * True when every place in the region is inside the EEA.
     */
    withinEea: boolean;
    /**
     * True when the region hides which countries data goes to.
     */
    vague: boolean;
    /**
     * What the region includes, for messages.
     */
    note?: string;
  }[];
  /**
   * Adequacy decisions of the European Commission (GDPR Art. 45).
   */
  adequacy: {
    /**
     * ISO 3166-1 alpha-2 code of the country or territory.
     */
    code: string;
    /**
     * Its name.
     */
    name: string;
    /**
     * The decision's number.
     */
    decision: string;
    /**
     * When it was adopted.
     */
    adopted?: string;
    /**
     * For an announced decision not yet adopted: the month of the announcement, YYYY-MM.
     */
    announced?: string;
    /**
     * partial: the decision covers only some recipients (see scopeNote).
     */
    scope: 'full' | 'partial';
    /**
     * Whom a partial decision covers, or other conditions.
     */
    scopeNote?: string;
    /**
     * When the decision expires, if it has an end date.
     */
    endsOn?: string;
    /**
     * announced: made public but not yet confirmed in force.
     */
    status: 'in-force' | 'announced';
  }[];
  /**
   * Where the adequacy list comes from.
   */
  adequacySource: string;
  /**
   * Transfer mechanisms that a court invalidated.
   */
  invalidated: {
    /**
     * The mechanism id used in registry files.
     */
    mechanism: string;
    /**
     * Its full name.
     */
    name: string;
    /**
     * Date of the judgment.
     */
    invalidatedOn: string;
    /**
     * The court and case.
     */
    judgment: string;
  }[];
}
