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
 * The legal mechanism that allows data to go to this place (GDPR Chapter V): none when no international transfer happens. Leave it out only while it is unknown: a place outside the EEA without one fails the missing-transfer-mechanism policy.
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
  | 'privacy-shield'
  | 'safe-harbor';
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
 * The published subprocessor list (subprocessors.json): canonical JSON (RFC 8785), signed with minisign. Consumers verify the signature before parsing, refuse a version lower than the last they accepted and a document past expiresAt.
 */
export interface Release {
  /**
   * Version of this schema (semver). A new major means consumers must update their parser.
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
   * Every subprocessor, retired ones included (status retired), sorted by id.
   */
  subprocessors: Subprocessor[];
}
/**
 * One subprocessor, as in the registry.
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
  users?: UserScope;
  /**
   * Every place where the vendor processes or stores personal data, each with the transfer mechanism that covers it.
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
  };
  /**
   * Free notes for reviewers and customers.
   */
  notes?: string;
}
/**
 * One place where personal data is processed or stored.
 */
export interface Location {
  place: PlaceCode1;
  users?: UserScope1;
  mechanism?: TransferMechanism;
  /**
   * The wording or qualification of the mechanism, as the source states it, for example "only for American users".
   */
  mechanismDetail?: string;
  since?: IsoDate;
}
