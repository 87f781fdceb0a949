/* Generated from schemas/jurisdiction.schema.json by `npm run gen:types`. Do not edit: change the schema and regenerate. */

/**
 * The text that defines the zone's membership (for the EEA, the EEA Agreement on EUR-Lex).
 */
export type Source = string;
/**
 * When the membership was last checked against the source.
 */
export type CheckedOn = string;
/**
 * The membership in words, and who is not a member although often assumed to be.
 */
export type FactNote = string;
/**
 * The decision itself (EUR-Lex, by its ELI or CELEX number).
 */
export type Source1 = string;
/**
 * When the entry's decision, dates, scope and status were last checked against the source.
 */
export type CheckedOn1 = string;
/**
 * false when a fact of the entry could not be confirmed; the note says which.
 */
export type Verified = boolean;
/**
 * What a reviewer should know beyond the scope: a pending extension, a review, where a fact was confirmed.
 */
export type FactNote1 = string;
/**
 * The renewing decision, or failing that the authority's page that reports it.
 */
export type Source2 = string;
/**
 * When it was last checked against the source.
 */
export type CheckedOn2 = string;
/**
 * false when a fact of the renewal could not be confirmed; the note says which.
 */
export type Verified1 = boolean;
/**
 * What it changed, and what could not be confirmed.
 */
export type FactNote2 = string;
/**
 * The case on EUR-Lex or CURIA (the judgment, or the notice of the action or appeal in the Official Journal).
 */
export type Source3 = string;
/**
 * When its status was last checked.
 */
export type CheckedOn3 = string;
/**
 * false when a fact of the case could not be confirmed; the note says which.
 */
export type Verified2 = boolean;
/**
 * The parties and what is asked, or what was decided.
 */
export type FactNote3 = string;
/**
 * Where the date was read.
 */
export type Source4 = string;
/**
 * When the date was last checked against the source.
 */
export type CheckedOn4 = string;
/**
 * false when the date could not be confirmed; the note says what was found.
 */
export type Verified3 = boolean;
/**
 * What the date is (adoption, entry into force) and where it was confirmed.
 */
export type FactNote4 = string;
/**
 * Where the dependency is stated.
 */
export type Source5 = string;
/**
 * When it was last checked against the source.
 */
export type CheckedOn5 = string;
/**
 * What the source says.
 */
export type FactNote5 = string;
/**
 * A W3C Data Privacy Vocabulary legal-basis concept for data transfers, from the DPV EU GDPR extension (prefix eu-gdpr: = https://w3id.org/dpv/legal/eu/gdpr#, concepts named after the GDPR article: eu-gdpr:A46-2-c is Art. 46(2)(c)). A list of the concepts the extension defines rather than a pattern, so that a typo cannot name a concept that does not exist.
 */
export type DpvConcept =
  | 'eu-gdpr:A45-3'
  | 'eu-gdpr:A46-2-a'
  | 'eu-gdpr:A46-2-b'
  | 'eu-gdpr:A46-2-c'
  | 'eu-gdpr:A46-2-d'
  | 'eu-gdpr:A46-2-e'
  | 'eu-gdpr:A46-2-f'
  | 'eu-gdpr:A46-3-a'
  | 'eu-gdpr:A46-3-b'
  | 'eu-gdpr:A49-1-a'
  | 'eu-gdpr:A49-1-b'
  | 'eu-gdpr:A49-1-c'
  | 'eu-gdpr:A49-1-d'
  | 'eu-gdpr:A49-1-e'
  | 'eu-gdpr:A49-1-f'
  | 'eu-gdpr:A49-1-g'
  | 'eu-gdpr:A49-2';
/**
 * The instrument, or the authority's page that states it.
 */
export type Source6 = string;
/**
 * When it was last checked against the source.
 */
export type CheckedOn6 = string;
/**
 * false when a fact of the entry could not be confirmed; the note says which.
 */
export type Verified4 = boolean;
/**
 * Details, and where each fact was confirmed.
 */
export type FactNote6 = string;
/**
 * Where the legal bases of the mechanisms come from (the GDPR on EUR-Lex, Chapter V).
 */
export type Source7 = string;
/**
 * The text that sets the framework up (for the DPF, its adequacy decision).
 */
export type Source8 = string;
/**
 * The judgment on EUR-Lex or CURIA.
 */
export type Source9 = string;
/**
 * When the entry was last checked against the judgment.
 */
export type CheckedOn7 = string;
/**
 * false when a fact of the entry could not be confirmed; the note says which.
 */
export type Verified5 = boolean;
/**
 * What a reviewer should know about the judgment.
 */
export type FactNote7 = string;
/**
 * Where the provision was read.
 */
export type Source10 = string;
/**
 * When it was last checked against the source.
 */
export type CheckedOn8 = string;
/**
 * False when the citation could not be confirmed in a source; the note says what is missing.
 */
export type Verified6 = boolean;
/**
 * What was read, or what could not be confirmed.
 */
export type FactNote8 = string;

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
    source: Source;
    checkedOn: CheckedOn;
    note?: FactNote;
  };
  /**
   * Adequacy decisions the law recognises (for the EU GDPR, the European Commission's under Art. 45).
   */
  adequacy: {
    /**
     * ISO 3166-1 alpha-2 code of the country or territory, or a region (EEA, EU) whose every member the law deems adequate, so that a registry's place EEA is judged like its members.
     */
    code: string;
    /**
     * Its name.
     */
    name: string;
    /**
     * The decision's number as the Official Journal gives it ((EU) 2023/1795, 2010/625/EU).
     */
    decision: string;
    /**
     * When it was adopted.
     */
    adopted?: string;
    /**
     * When the decision was published in the Official Journal, if that is recorded.
     */
    publishedOn?: string;
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
     * in-force: adopted and published; announced: made public but not yet confirmed adopted.
     */
    status: 'in-force' | 'announced';
    /**
     * For a decision that covers only organisations in a framework (the US and the DPF): the framework's mechanism id, which a registry records instead of adequacy.
     */
    onlyThrough?: string;
    source: Source1;
    checkedOn: CheckedOn1;
    verified?: Verified;
    note?: FactNote1;
    /**
     * Later decisions that extended or renewed this one, oldest first. The entry's endsOn is the end date the latest of them sets.
     */
    renewals?: {
      /**
       * The renewing decision's number as the Official Journal gives it; absent when it could not be confirmed (then verified is false).
       */
      decision?: string;
      /**
       * When the Commission adopted it.
       */
      adopted: string;
      /**
       * The end date it sets, if any.
       */
      endsOn?: string;
      source: Source2;
      checkedOn: CheckedOn2;
      verified?: Verified1;
      note?: FactNote2;
    }[];
    /**
     * Court cases against the decision, first instance first: a pending one means the decision holds today but may fall. Each case is recorded with its court, when it was lodged and where it stands.
     */
    challenges?: {
      /**
       * The case number (T-553/23; an appeal to the Court of Justice ends in P: C-703/25 P).
       */
      case: string;
      /**
       * The court of the European Union that hears it.
       */
      court: 'General Court' | 'Court of Justice';
      /**
       * When the action or appeal was lodged.
       */
      lodged: string;
      /**
       * pending: no judgment yet; dismissed: the decision was upheld; annulled: the court annulled or invalidated it; withdrawn: the case was withdrawn or removed from the register.
       */
      status: 'pending' | 'dismissed' | 'annulled' | 'withdrawn';
      /**
       * The date of the judgment or order that closed the case, when it is closed.
       */
      decided?: string;
      /**
       * For an appeal: the case whose judgment it appeals.
       */
      appealOf?: string;
      source: Source3;
      checkedOn: CheckedOn3;
      verified?: Verified2;
      note?: FactNote3;
    }[];
  }[];
  /**
   * Where the list of decisions as a whole comes from (the Commission's adequacy page), and decisions that are not modelled as entries; each entry has its own source.
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
    /**
     * When the mechanism became available under this law, for one younger than the law (a framework, the IDTA): before that day it covers nothing, so a check with an earlier --today says so.
     */
    inForceFrom?: {
      /**
       * The first day it could be relied on.
       */
      on: string;
      source: Source4;
      checkedOn: CheckedOn4;
      verified?: Verified3;
      note?: FactNote4;
    };
    /**
     * For a document that only amends another and is no safeguard alone (the UK Addendum amends the EU SCCs): the mechanism a location must list beside it for it to cover anything.
     */
    onlyBeside?: {
      /**
       * The mechanism id it amends (scc).
       */
      mechanism: string;
      source: Source5;
      checkedOn: CheckedOn5;
      note?: FactNote5;
    };
    /**
     * The W3C DPV legal-basis concept the mechanism rests on (eu-gdpr:A46-2-c for SCCs); absent for a law DPV has no extension for (UK GDPR, Swiss FADP), since an EU GDPR concept would name the wrong law, so that outputs can name the basis in a vocabulary other tools read; a list for a mechanism that stands for several bases (an Art. 49(1) derogation is one of points (a) to (g)), in the order of the article.
     */
    dpv?: DpvConcept | [DpvConcept, DpvConcept, ...DpvConcept[]];
  }[];
  /**
   * Dated changes of the law's transfer rules that are not one decision: a reform commenced, a safeguard coming into force, an authority's recognition of a document. Each with its source.
   */
  milestones?: {
    /**
     * What changed, in words.
     */
    what: string;
    /**
     * When it took effect.
     */
    on: string;
    source: Source6;
    checkedOn: CheckedOn6;
    verified?: Verified4;
    note?: FactNote6;
  }[];
  mechanismsSource: Source7;
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
    source?: Source8;
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
     * The decision the judgment declared invalid (2000/520/EC for Safe Harbor).
     */
    decision?: string;
    /**
     * Date of the judgment.
     */
    invalidatedOn: string;
    /**
     * The court and case.
     */
    judgment: string;
    source: Source9;
    checkedOn: CheckedOn7;
    verified?: Verified5;
    note?: FactNote7;
  }[];
  /**
   * The provisions messages cite for this law, so no policy names an article of its own. Absent, policies cite the EU GDPR's numbering.
   */
  articles?: {
    specialCategories: Article;
    criminalOffences: Article1;
    derogations: Article2;
    territorialScope: Article3;
  };
}
/**
 * Data that needs more than an ordinary transfer basis (EU/UK GDPR Art. 9; FADP Art. 5(c) sensitive personal data).
 */
export interface Article {
  /**
   * How messages cite the provision after the law's name (Art. 9, Art. 5(c)).
   */
  cite: string;
  /**
   * What the law calls the data, where messages name it (special-category data; sensitive personal data).
   */
  term?: string;
  source: Source10;
  checkedOn: CheckedOn8;
  verified?: Verified6;
  note?: FactNote8;
}
/**
 * Criminal offence data (EU/UK GDPR Art. 10; under the FADP part of sensitive personal data, Art. 5(c)).
 */
export interface Article1 {
  /**
   * How messages cite the provision after the law's name (Art. 9, Art. 5(c)).
   */
  cite: string;
  /**
   * What the law calls the data, where messages name it (special-category data; sensitive personal data).
   */
  term?: string;
  source: Source10;
  checkedOn: CheckedOn8;
  verified?: Verified6;
  note?: FactNote8;
}
/**
 * Transfers without adequacy or safeguards in specific situations (EU/UK GDPR Art. 49; FADP Art. 17).
 */
export interface Article2 {
  /**
   * How messages cite the provision after the law's name (Art. 9, Art. 5(c)).
   */
  cite: string;
  /**
   * What the law calls the data, where messages name it (special-category data; sensitive personal data).
   */
  term?: string;
  source: Source10;
  checkedOn: CheckedOn8;
  verified?: Verified6;
  note?: FactNote8;
}
/**
 * Whose processing the law reaches (EU/UK GDPR Art. 3(1); FADP Art. 3(1), effects in Switzerland).
 */
export interface Article3 {
  /**
   * How messages cite the provision after the law's name (Art. 9, Art. 5(c)).
   */
  cite: string;
  /**
   * What the law calls the data, where messages name it (special-category data; sensitive personal data).
   */
  term?: string;
  source: Source10;
  checkedOn: CheckedOn8;
  verified?: Verified6;
  note?: FactNote8;
}
