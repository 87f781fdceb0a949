/* Generated from schemas/jurisdiction.schema.json by `npm run gen:types`. Do not edit: change the schema and regenerate. */

/**
 * One data-protection law's transfer rules as dated, sourced facts (policies/data/transfers/ID.json): one schema for every law.
 */
export interface Jurisdiction {
  /**
   * The law's id, as registries name it (eu-gdpr); the data file is named after it.
   */
  id: string;
  /**
   * How messages name the law (EU GDPR).
   */
  name: string;
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
   * Where data may go without a transfer under this law.
   */
  zone: {
    /**
     * How messages name the zone (EEA).
     */
    name: string;
    /**
     * ISO codes of the places inside the zone.
     *
     * @minItems 1
     */
    countries: [string, ...string[]];
    /**
     * Region codes wholly inside the zone (EEA, EU).
     */
    regions: string[];
    /**
     * Region codes that include people inside the zone without lying inside it (EUROPE, WORLD): a user scope naming one covers people the law protects.
     */
    overlappingRegions: string[];
    /**
     * Where the membership comes from.
     */
    source: string;
  };
  /**
   * Adequacy decisions the law recognises (for the EU GDPR, the European Commission's under Art. 45).
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
    /**
     * For a decision that covers only organisations in a framework (the US and the DPF): the framework's mechanism id, which a registry records instead of adequacy.
     */
    onlyThrough?: string;
  }[];
  /**
   * Where the adequacy list comes from.
   */
  adequacySource: string;
  /**
   * The transfer mechanisms the law accepts, with their legal basis.
   */
  mechanisms: {
    /**
     * The mechanism id used in registry files.
     */
    id: string;
    /**
     * Its name in words.
     */
    name: string;
    /**
     * Its legal basis.
     */
    article: string;
    /**
     * True for a basis that allows occasional transfers only, never the regular basis (Art. 49 derogations).
     */
    occasionalOnly?: boolean;
  }[];
  /**
   * Mechanisms tied to one destination country, such as the EU-US Data Privacy Framework.
   */
  frameworks: {
    /**
     * The mechanism id used in registry files.
     */
    mechanism: string;
    /**
     * The only country it covers.
     */
    country: string;
    /**
     * Its name in words.
     */
    name: string;
    /**
     * Whom it covers.
     */
    note?: string;
  }[];
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
