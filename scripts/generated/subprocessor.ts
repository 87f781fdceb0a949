/* Generated from schemas/subprocessor.schema.json by `npm run gen:types`. Do not edit: change the schema and regenerate. */

/**
 * Stable identifier, equal to the file name without .yaml. Never reused for another vendor.
 */
export type Slug = string;
/**
 * Section of the list this subprocessor belongs to; one of the category ids declared in the registry settings file.
 */
export type Slug1 = string;
/**
 * The categories of personal data the vendor processes (GDPR Art. 28(3): the type of personal data), as ids of the controlled vocabulary, for example [contact, health]. A location's own list replaces this one for that place. Omitted while unknown.
 *
 * @minItems 1
 */
export type DataCategories = [DataCategory, ...DataCategory[]];
/**
 * A category of personal data, one of the ids in policies/data/data-categories.json (each mapped to its W3C DPV concept): identifying, contact, device-identifiers, location, behavioural, financial, communications, health, genetic, biometric, racial-ethnic-origin, political-opinions, religious-beliefs, trade-union-membership, sex-life, criminal-convictions.
 */
export type DataCategory =
  | 'identifying'
  | 'contact'
  | 'device-identifiers'
  | 'location'
  | 'behavioural'
  | 'financial'
  | 'communications'
  | 'health'
  | 'genetic'
  | 'biometric'
  | 'racial-ethnic-origin'
  | 'political-opinions'
  | 'religious-beliefs'
  | 'trade-union-membership'
  | 'sex-life'
  | 'criminal-convictions';
/**
 * A category of data subjects, one of the ids in policies/data/data-subjects.json (each mapped to its W3C DPV concept): end-users, customers, employees, job-applicants, children, patients, visitors, subscribers, prospects.
 */
export type DataSubject =
  | 'end-users'
  | 'customers'
  | 'employees'
  | 'job-applicants'
  | 'children'
  | 'patients'
  | 'visitors'
  | 'subscribers'
  | 'prospects';
/**
 * Whose data the vendor processes at all, when not every user's: [US] for a "[US Only]" vendor. Omitted when it serves all users.
 *
 * @minItems 1
 */
export type UserScope = [PlaceCode, ...PlaceCode[]];
/**
 * Where data is, or whose data it is: an ISO 3166-1 alpha-2 country code in capitals (FR, US, GB, GR), or a region code: EEA (European Economic Area), EU (European Union), EUROPE (the continent, vaguer than EEA), NORTH_AMERICA, WORLD (anywhere).
 */
export type PlaceCode = string;
/**
 * Product scope ids: applies only to these products.
 *
 * @minItems 1
 */
export type ScopeIds = [Slug2, ...Slug2[]];
/**
 * A lower-case identifier: letters, digits and single hyphens (kebab-case).
 */
export type Slug2 = string;
/**
 * Feature scope ids: applies only when one of these features is on.
 *
 * @minItems 1
 */
export type ScopeIds1 = [Slug2, ...Slug2[]];
/**
 * Residency scope ids: applies only to customers whose data is hosted in one of these residencies.
 *
 * @minItems 1
 */
export type ScopeIds2 = [Slug2, ...Slug2[]];
/**
 * Where data is, or whose data it is: an ISO 3166-1 alpha-2 country code in capitals (FR, US, GB, GR), or a region code: EEA (European Economic Area), EU (European Union), EUROPE (the continent, vaguer than EEA), NORTH_AMERICA, WORLD (anywhere).
 */
export type PlaceCode1 = string;
/**
 * Whose data goes to this place, when not every user's: Klarna stores data of users in EUROPE in IE and of users in NORTH_AMERICA in US.
 *
 * @minItems 1
 */
export type UserScope1 = [PlaceCode, ...PlaceCode[]];
/**
 * The legal mechanism that allows data to go to this place (GDPR Chapter V): none when no international transfer happens. Leave it out only while it is unknown: a place outside the EEA without one fails the missing-transfer-mechanism policy. Where the data processing agreement states several in an order, write mechanisms instead.
 */
export type TransferMechanism =
  | 'none'
  | 'adequacy'
  | 'dpf'
  | 'scc'
  | 'bcr'
  | 'code-of-conduct'
  | 'certification'
  | 'ad-hoc-clauses'
  | 'derogation'
  | 'dpf-uk'
  | 'dpf-ch'
  | 'uk-idta'
  | 'uk-addendum'
  | 'privacy-shield'
  | 'safe-harbor';
/**
 * none: no international transfer; adequacy: Art. 45(3) decision; dpf: EU-US Data Privacy Framework (certified US organisations); scc: Standard Contractual Clauses, Art. 46(2)(c); bcr: Binding Corporate Rules, Art. 47; code-of-conduct: Art. 46(2)(e); certification: Art. 46(2)(f); ad-hoc-clauses: Art. 46(3)(a); derogation: Art. 49, occasional transfers only; dpf-uk: the UK Extension to the EU-US DPF (UK GDPR, US organisations participating in it); dpf-ch: the Swiss-US DPF (Swiss FADP, certified US organisations); uk-idta: the UK International Data Transfer Agreement (UK GDPR Art. 46); uk-addendum: the UK Addendum to the EU SCCs (UK GDPR Art. 46), listed beside scc. Each law declared in registry.yaml counts the mechanisms it accepts: the EU SCCs alone do not cover a UK transfer, and under the Swiss FADP scc means the EU SCCs with the FDPIC's Swiss adaptations; privacy-shield and safe-harbor: invalidated, recorded only so that policies can reject them.
 */
export type TransferMechanism1 =
  | 'none'
  | 'adequacy'
  | 'dpf'
  | 'scc'
  | 'bcr'
  | 'code-of-conduct'
  | 'certification'
  | 'ad-hoc-clauses'
  | 'derogation'
  | 'dpf-uk'
  | 'dpf-ch'
  | 'uk-idta'
  | 'uk-addendum'
  | 'privacy-shield'
  | 'safe-harbor';
/**
 * The categories of personal data processed at this place, when they differ from the vendor's: this list replaces the vendor's dataCategories for this place (it does not add to them).
 *
 * @minItems 1
 */
export type DataCategories1 = [DataCategory, ...DataCategory[]];
/**
 * The date data starts going to this place, when it was added after the vendor itself: a new place needs the same notice as a new vendor.
 */
export type IsoDate = string;
/**
 * The date the vendor started, or will start, processing personal data. A future date announces an intended addition.
 */
export type IsoDate1 = string;
/**
 * The date the vendor stopped, or will stop, processing personal data.
 */
export type IsoDate2 = string;

/**
 * One subprocessor: a vendor that processes personal data on the controller's behalf. One file per subprocessor, named after its id.
 */
export interface Subprocessor {
  id: Slug;
  /**
   * Display name, as customers know the vendor.
   */
  name: string;
  /**
   * The contracting legal entity, for example "Zendesk, Inc.".
   */
  legalEntity?: string;
  /**
   * The postal address of the legal entity's registered office (EDPB Opinion 22/2024: the identity, name, address and contact person, of every processor and sub-processor should be readily available).
   */
  address?: string;
  /**
   * How to reach the vendor's privacy contact or data protection officer: an email address or a web address.
   */
  contact?: string;
  category: Slug1;
  /**
   * The service the vendor provides, for example "Sending emails". Omitted when the source does not say.
   */
  service?: string;
  /**
   * The tasks the vendor performs with personal data, one sentence each.
   *
   * @minItems 1
   */
  tasks: [string, ...string[]];
  dataCategories?: DataCategories;
  /**
   * Whose personal data the vendor processes (GDPR Art. 28(3): the categories of data subjects), as ids of the controlled vocabulary, for example [end-users, customers]. Omitted while unknown.
   *
   * @minItems 1
   */
  dataSubjects?: [DataSubject, ...DataSubject[]];
  users?: UserScope;
  when?: ScopeCondition;
  /**
   * Every place where the vendor processes or stores personal data, each with the transfer mechanism (or mechanisms, in order) that covers it.
   *
   * @minItems 1
   */
  locations: [Location, ...Location[]];
  /**
   * active: currently processing (or announced to start on `since`); retired: no longer processing, kept for history.
   */
  status: 'active' | 'retired';
  since?: IsoDate1;
  /**
   * When and why the vendor stopped processing; required when status is retired.
   */
  retired?: {
    on: IsoDate2;
    /**
     * Why the vendor was retired, in a sentence a customer can read.
     */
    reason: string;
  };
  /**
   * Public documents about the vendor.
   */
  links?: {
    /**
     * The vendor's website.
     */
    website?: string;
    /**
     * The data processing agreement or its public terms.
     */
    dpa?: string;
    /**
     * The vendor's privacy policy.
     */
    privacyPolicy?: string;
    /**
     * The transfer impact assessment, where one is published.
     */
    transferImpactAssessment?: string;
    /**
     * The vendor's own list of sub-processors, where it publishes one: the next link in the chain.
     */
    subprocessors?: string;
  };
  /**
   * Free notes for reviewers and customers.
   */
  notes?: string;
}
/**
 * When the vendor processes data at all, when not always: only for a product, with a feature or in a data residency declared in registry.yaml's scopes, for example { feature: [ai-features] }. Omitted when it applies to every customer (docs/scopes.md).
 */
export interface ScopeCondition {
  product?: ScopeIds;
  feature?: ScopeIds1;
  residency?: ScopeIds2;
}
/**
 * One place where personal data is processed or stored.
 */
export interface Location {
  place: PlaceCode1;
  users?: UserScope1;
  mechanism?: TransferMechanism;
  /**
   * The mechanisms the data processing agreement relies on for this place, in its order of preference, for example [dpf, scc]: the Data Privacy Framework where the vendor is certified, else Standard Contractual Clauses. The place is covered when one of them is valid there. Instead of mechanism, never beside it; none cannot be listed (write mechanism: none).
   *
   * @minItems 1
   */
  mechanisms?: [TransferMechanism1, ...TransferMechanism1[]];
  /**
   * The wording or qualification of the mechanism, as the source states it, for example "only for American users".
   */
  mechanismDetail?: string;
  dataCategories?: DataCategories1;
  when?: ScopeCondition1;
  since?: IsoDate;
}
/**
 * When data goes to this place, when not always: { residency: [eu-cloud] } for the place of the EU cloud. It narrows the vendor's own when: both apply (docs/scopes.md).
 */
export interface ScopeCondition1 {
  product?: ScopeIds;
  feature?: ScopeIds1;
  residency?: ScopeIds2;
}
