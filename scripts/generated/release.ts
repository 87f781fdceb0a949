/* Generated from schemas/release.schema.json by `npm run gen:types`. Do not edit: change the schema and regenerate. */

/**
 * Stable identifier, equal to the file name without .yaml. Never reused for another vendor.
 */
export type Slug = string;
/**
 * Section of the list this subprocessor belongs to; one of the category ids declared in the registry settings file.
 */
export type Slug1 = string;
/**
 * The tasks the vendor performs with personal data, one sentence each.
 *
 * @minItems 1
 */
export type Tasks = [string, ...string[]];
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
 * Whose personal data the vendor processes (GDPR Art. 28(3): the categories of data subjects), as ids of the controlled vocabulary, for example [end-users, customers]. Omitted while unknown.
 *
 * @minItems 1
 */
export type DataSubjects = [DataSubject, ...DataSubject[]];
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
 * The mechanisms the data processing agreement relies on for this place, in its order of preference, for example [dpf, scc]: the Data Privacy Framework where the vendor is certified, else Standard Contractual Clauses. The place is covered when one of them is valid there. Instead of mechanism, never beside it; none cannot be listed (write mechanism: none).
 *
 * @minItems 1
 */
export type Mechanisms = [TransferMechanism1, ...TransferMechanism1[]];
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
 * Since schema 1.1.0, in every entry. The vendor's status on the release date, from `status`, `since` and `retired.on`: a vendor processes personal data from its `since` day (inclusive) until its `retired.on` day (exclusive). active: processing; upcoming: not yet processing, starts on `upcoming.starts` (a `since` after the release date); retiring: `status` is retired but `retired.on` is after the release date, so the vendor still processes personal data until `upcoming.retires`; retired: stopped on or before the release date, or never started (retired before its `since`). Use it, not `status`, to tell who processes data today.
 */
export type StatusOnRelease = 'active' | 'upcoming' | 'retiring' | 'retired';
/**
 * The day the vendor starts processing personal data (its `since`), after the release date.
 */
export type IsoDate3 = string;
/**
 * The day the vendor stops processing personal data (its `retired.on`), after the release date.
 */
export type IsoDate4 = string;

/**
 * The published subprocessor list (subprocessors.json): canonical JSON (RFC 8785), signed with minisign. Consumers verify the signature before parsing, refuse a version lower than the last they accepted and a document past expiresAt.
 */
export interface Release {
  /**
   * Version of this schema (semver). A new major means consumers must update their parser; a new minor only adds optional fields (1.1.0: statusOnRelease and upcoming in each entry; 1.2.0: legalBases; 1.3.0: controller.role, and a location's mechanisms in order of preference instead of its single mechanism; 1.4.0: dataCategories and dataSubjects of an entry, a location's dataCategories, the declared scopes, and when on an entry and a location; 1.5.0: the declared jurisdictions, and each location's coverage under each of them; 1.6.0: the coverage notes not-yet-in-force and needs-companion), which a reader that ignores unknown fields can skip, but a validator pinned to an older schema refuses (the schemas are closed: additionalProperties false).
   */
  schemaVersion: string;
  /**
   * Version of the list (semver): major when the schema's major changes, minor for changes customers must be told of, patch for the rest.
   */
  version: string;
  /**
   * When the release was built (UTC).
   */
  releasedAt: string;
  /**
   * After this instant consumers must refuse the document: a list that is not re-issued may be stale.
   */
  expiresAt: string;
  /**
   * Where the release was built from.
   */
  source: {
    /**
     * The repository, as owner/name or a URL.
     */
    repository?: string;
    /**
     * The git commit of the registry; uncommitted for a work tree with changes.
     */
    commit: string;
  };
  /**
   * The company that publishes the list.
   */
  controller: {
    /**
     * The controller's name.
     */
    name: string;
    /**
     * Country of its main establishment, ISO 3166-1 alpha-2.
     */
    country: string;
    /**
     * Where customers send questions or objections.
     */
    contact?: string;
    /**
     * From schema 1.3.0: what the publisher is. controller: it lists its own subprocessors for its users. processor: a vendor listing its sub-processors for its customers, the controllers (GDPR Art. 28(2) and (4)). Absent in older documents and when registry.yaml does not say: read it as controller.
     */
    role?: 'controller' | 'processor';
  };
  /**
   * Days of notice customers get before a new subprocessor starts.
   */
  noticePeriodDays: number;
  /**
   * The sections of the list, in published order.
   */
  categories: {
    /**
     * Category id.
     */
    id: string;
    /**
     * Heading.
     */
    title: string;
  }[];
  /**
   * Since schema 1.4.0, when registry.yaml declares any: the products, features and data residencies that some subprocessors (when) or places (locations[].when) apply to only, with their titles, so that a consumer can build the list of one product or residency: an entry applies to a scope when its when names no id of that kind, or names the scope; a place, when its own when and its entry's both do (docs/scopes.md).
   */
  scopes?: {
    /**
     * Scope id, as when: names it.
     */
    id: string;
    /**
     * The key of when: that names it.
     */
    kind: 'product' | 'feature' | 'residency';
    /**
     * The scope as customers know it.
     */
    title: string;
  }[];
  /**
   * Since schema 1.5.0. The data-protection laws the registry answers to (registry.yaml's jurisdictions, in its order; the EU GDPR alone by default), with the names the page uses, so that a consumer reads each location's coverage without subproc's law files.
   *
   * @minItems 1
   */
  jurisdictions?: [DeclaredLaw, ...DeclaredLaw[]];
  /**
   * Every subprocessor, retired ones included (status retired), sorted by id. From schema 1.1.0 each entry carries statusOnRelease: which ones process personal data on the release date.
   */
  subprocessors: ReleaseEntry[];
  /**
   * Since schema 1.2.0. What each transfer mechanism id used in this document means under each law the registry answers to, in the W3C Data Privacy Vocabulary (DPV), so that other tools read the legal basis without knowing subproc's ids: one item per law and mechanism, sorted by law, then mechanism. A mechanism a law does not accept (none, privacy-shield) has no item for that law.
   */
  legalBases?: {
    /**
     * The law's id (eu-gdpr).
     */
    law: string;
    /**
     * subproc's mechanism id, as locations[].mechanism or an item of locations[].mechanisms writes it (scc).
     */
    mechanism: string;
    /**
     * The DPV legal-basis concepts the mechanism rests on under the law, as IRIs (https://w3id.org/dpv/legal/eu/gdpr#A46-2-c); several for a mechanism that stands for any of several bases (an Art. 49(1) derogation).
     *
     * @minItems 1
     */
    dpv: [string, ...string[]];
  }[];
}
export interface DeclaredLaw {
  /**
   * The law's id (eu-gdpr, uk-gdpr, ch-fadp), as coverage[].law and legalBases[].law write it.
   */
  id: string;
  /**
   * How people name the law: EU GDPR.
   */
  name: string;
  /**
   * The zone inside which nothing is a transfer under the law: EEA, UK.
   */
  zone: string;
}
/**
 * One subprocessor: every field as the registry writes it (schemas/subprocessor.schema.json; `status` included, unchanged), plus, from schema 1.1.0, `statusOnRelease` and `upcoming`, computed from the release date (the date part of releasedAt, UTC).
 */
export interface ReleaseEntry {
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
  tasks: Tasks;
  dataCategories?: DataCategories;
  dataSubjects?: DataSubjects;
  users?: UserScope;
  when?: ScopeCondition;
  /**
   * Every place where the vendor processes or stores personal data, each with the transfer mechanism (or mechanisms, in order) that covers it. From schema 1.5.0 each carries its coverage under each declared law.
   *
   * @minItems 1
   */
  locations: [ReleaseLocation, ...ReleaseLocation[]];
  /**
   * active: currently processing (or announced to start on `since`); retired: no longer processing, kept for history.
   */
  status: 'active' | 'retired';
  since?: IsoDate1;
  retired?: Retired;
  links?: Links;
  /**
   * Free notes for reviewers and customers.
   */
  notes?: string;
  statusOnRelease?: StatusOnRelease;
  upcoming?: Upcoming;
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
 * One place where personal data is processed or stored: every field as the registry writes it (schemas/subprocessor.schema.json $defs/location), plus, from schema 1.5.0, its coverage under each declared law.
 */
export interface ReleaseLocation {
  place: PlaceCode1;
  users?: UserScope1;
  mechanism?: TransferMechanism;
  mechanisms?: Mechanisms;
  /**
   * The wording or qualification of the mechanism, as the source states it, for example "only for American users".
   */
  mechanismDetail?: string;
  dataCategories?: DataCategories1;
  when?: ScopeCondition1;
  since?: IsoDate;
  /**
   * Since schema 1.5.0. What covers the place under each law the registry declares (jurisdictions, in that order), as subproc's transfer policies judge it on the release date: one item per law.
   *
   * @minItems 1
   */
  coverage?: [Coverage, ...Coverage[]];
}
/**
 * When data goes to this place, when not always: { residency: [eu-cloud] } for the place of the EU cloud. It narrows the vendor's own when: both apply (docs/scopes.md).
 */
export interface ScopeCondition1 {
  product?: ScopeIds;
  feature?: ScopeIds1;
  residency?: ScopeIds2;
}
/**
 * Since schema 1.5.0. What covers one place under one law (scripts/engine/coverage.ts, the facts of policies/data/transfers/LAW.json).
 */
export interface Coverage {
  /**
   * The law's id, one of jurisdictions[].id.
   */
  law: string;
  /**
   * inside-zone: the place is inside the law's zone, so nothing is a transfer; not-a-transfer: the location's users are all outside the zone, so no data the law protects goes there; adequacy: a decision (or, for none said from another declared law's zone, that law's adequacy of the place) covers it; framework: a framework tied to the place's country (dpf, dpf-uk, dpf-ch) the vendor takes part in; safeguard: an Art. 46 (FADP Art. 16) safeguard such as scc, uk-addendum, uk-idta or bcr; derogation: an occasional-only basis (Art. 49, FADP Art. 17), not one for regular transfers; none: nothing the law accepts covers it (note says why).
   */
  kind: 'inside-zone' | 'not-a-transfer' | 'adequacy' | 'framework' | 'safeguard' | 'derogation' | 'none';
  /**
   * The location's mechanism id that gives the cover, or, under none, the first one listed that fails.
   */
  mechanism?: string;
  /**
   * The law's article for that mechanism, from the law's data: Art. 46(2)(d), DPA 2018 s.119A.
   */
  article?: string;
  /**
   * The adequacy decision's reference, for adequacy: Decision (EU) 2023/1795.
   */
  decision?: string;
  /**
   * Why nothing covers the place (none), or what a cover leaves to confirm: adequacy-partial (the decision covers some organisations or sectors only), occasional-only (a derogation). not-yet-in-force: the mechanism came into force under the law after the day judged; needs-companion: the mechanism only amends another one (the UK Addendum amends the EU SCCs) that the location does not list.
   */
  note?:
    | 'no-mechanism'
    | 'none-outside-zone'
    | 'vague-place'
    | 'framework-elsewhere'
    | 'no-adequacy'
    | 'adequacy-ended'
    | 'adequacy-announced'
    | 'adequacy-only-through-framework'
    | 'adequacy-partial'
    | 'invalidated'
    | 'not-accepted'
    | 'occasional-only'
    | 'not-yet-in-force'
    | 'needs-companion';
}
/**
 * When and why the vendor stopped processing; required when status is retired.
 */
export interface Retired {
  on: IsoDate2;
  /**
   * Why the vendor was retired, in a sentence a customer can read.
   */
  reason: string;
}
/**
 * Public documents about the vendor.
 */
export interface Links {
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
}
/**
 * Since schema 1.1.0. The dated change still to come after the release date: present when statusOnRelease is upcoming or retiring, absent otherwise.
 */
export interface Upcoming {
  starts?: IsoDate3;
  retires?: IsoDate4;
}
