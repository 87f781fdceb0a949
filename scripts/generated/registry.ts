/* Generated from schemas/registry.schema.json by `npm run gen:types`. Do not edit: change the schema and regenerate. */

/**
 * Category id that subprocessor files refer to.
 */
export type Slug = string;
/**
 * Scope id that when: refers to, for example ai-features or eu-cloud.
 */
export type Slug1 = string;
/**
 * Id of the policy whose findings are waived.
 */
export type Slug2 = string;
/**
 * Id of the subprocessor the waiver is limited to; omitted, it applies registry-wide.
 */
export type Slug3 = string;
/**
 * The last day the waiver applies; after it, the findings count again and the waiver is an error.
 */
export type IsoDate = string;

/**
 * Registry-wide settings: who the controller is, how much notice customers get, and the categories subprocessors are grouped in. Lives in registry/registry.yaml.
 */
export interface RegistrySettings {
  /**
   * Title of the published list, for example "WITHINGS Subprocessors".
   */
  title?: string;
  /**
   * The paragraph that introduces the published list.
   */
  introduction?: string;
  /**
   * The company that publishes the list and engages the subprocessors, and its role. The key stays controller for a processor too: existing registries, release documents and their consumers read controller, and a second key meaning the same publisher would let the two disagree; role says what the publisher is (docs/publisher-role.md).
   */
  controller: {
    /**
     * The controller's name.
     */
    name: string;
    /**
     * The country of the controller's main establishment, ISO 3166-1 alpha-2 (FR).
     */
    country: string;
    /**
     * Where customers send questions about the list and objections to a subprocessor: an email address or a web address (a form). The public page, the changelog and the feeds show it.
     */
    contact?: string;
    /**
     * What the publisher is for the data its subprocessors receive. controller (the default): it decides why and how its users' data is processed, and tells its users. processor: a vendor listing its sub-processors for its customers, the controllers, who must be told of each addition or replacement and may object (GDPR Art. 28(2) and (4)); its establishment then decides whose data counts (an EEA processor: everything it processes for customers; one outside the EEA: the data of customers or users in the EEA), and notices speak of customers.
     */
    role?: 'controller' | 'processor';
  };
  /**
   * Days of notice customers get before a new subprocessor (or a new place) starts processing their data (GDPR Art. 28(2)).
   */
  noticePeriodDays: number;
  /**
   * How customers are told of changes and how they object, in the publisher's words: shown on the public page and in the changelog. Without it they read a text made from noticePeriodDays and controller.contact.
   */
  noticeText?: string;
  /**
   * The address the public page (index.html of each release) is published at, ending in /; the feeds link to it. Without it, a GitHub repository's Pages address is used (https://OWNER.github.io/REPO/).
   */
  pageUrl?: string;
  /**
   * The longest a waiver may run, in days from the day it is reviewed; a longer one is an error (policy-config). In a pull request's review the base's value applies.
   */
  maxWaiverDays?: number;
  /**
   * The data-protection laws whose transfer rules the registry answers to: eu-gdpr (EU GDPR, zone EEA), uk-gdpr (UK GDPR, zone UK), ch-fadp (Swiss FADP, zone Switzerland). Every transfer policy judges each place under each law listed and names the law in its finding; a location lists all its mechanisms once (scc, uk-addendum, dpf, dpf-uk) and each law counts the ones it accepts. An item may be { id, policies } to set severities for that law's findings alone. Leave it out for the EU GDPR alone. In a pull request's review the base's value applies.
   *
   * @minItems 1
   */
  jurisdictions?: [
    (
      | ('eu-gdpr' | 'uk-gdpr' | 'ch-fadp')
      | {
          /**
           * The law's id.
           */
          id: 'eu-gdpr' | 'uk-gdpr' | 'ch-fadp';
          /**
           * Severity of a per-law policy's findings under this law: error, warning, info, or off to drop them. It beats the registry-wide policies: setting for this law's findings only; the same policy's findings under the other laws keep theirs. Keys are policy ids (docs/policies/).
           */
          policies?: {
            [k: string]: 'error' | 'warning' | 'info' | 'off';
          };
        }
    ),
    ...(
      | ('eu-gdpr' | 'uk-gdpr' | 'ch-fadp')
      | {
          /**
           * The law's id.
           */
          id: 'eu-gdpr' | 'uk-gdpr' | 'ch-fadp';
          /**
           * Severity of a per-law policy's findings under this law: error, warning, info, or off to drop them. It beats the registry-wide policies: setting for this law's findings only; the same policy's findings under the other laws keep theirs. Keys are policy ids (docs/policies/).
           */
          policies?: {
            [k: string]: 'error' | 'warning' | 'info' | 'off';
          };
        }
    )[]
  ];
  /**
   * Whose data counts when deciding whether a place receives a transfer. establishment (GDPR Art. 3(1), the default for a controller established inside a law's zone): all the data processed in the context of that establishment, wherever its users live; a user scope never exempts a place. users-in-zone (the default for a controller outside the zone, Art. 3(2)): only the data of users inside the zone. Set it when counsel reads the law otherwise; every output says which reading applied. In a pull request's review the base's value applies.
   */
  transferScope?: 'establishment' | 'users-in-zone';
  /**
   * The sections of the list, in the order they are published.
   *
   * @minItems 1
   */
  categories: [
    {
      id: Slug;
      /**
       * Heading of the section, as published.
       */
      title: string;
    },
    ...{
      id: Slug;
      /**
       * Heading of the section, as published.
       */
      title: string;
    }[]
  ];
  /**
   * The products, features and data-residency choices that some subprocessors or places apply to only, declared once with the title customers know them by (docs/scopes.md). A subprocessor's or a location's when: refers to them by id, under their kind: when: { feature: [ai-features] }. The release document carries them, so that a consumer can build the list of one product or one residency.
   *
   * @minItems 1
   */
  scopes?: [
    {
      id: Slug1;
      /**
       * product: a product or app of its own (mobile-app); feature: an option that can be turned on or off within a product (ai-features); residency: where a customer chose its data to be hosted (eu-cloud, us-cloud). when: names the scope under this kind.
       */
      kind: 'product' | 'feature' | 'residency';
      /**
       * The scope as customers know it, as published: "AI features", "EU cloud".
       */
      title: string;
    },
    ...{
      id: Slug1;
      /**
       * product: a product or app of its own (mobile-app); feature: an option that can be turned on or off within a product (ai-features); residency: where a customer chose its data to be hosted (eu-cloud, us-cloud). when: names the scope under this kind.
       */
      kind: 'product' | 'feature' | 'residency';
      /**
       * The scope as customers know it, as published: "AI features", "EU cloud".
       */
      title: string;
    }[]
  ];
  /**
   * Severity of each policy when it differs from its default: error, warning, info, or off to skip it. Keys are policy ids (docs/policies/).
   */
  policies?: {
    [k: string]: 'error' | 'warning' | 'info' | 'off';
  };
  /**
   * Findings accepted for a time, each with the reason and an expiry date. An expired waiver is itself an error.
   */
  waivers?: {
    policy: Slug2;
    subprocessor?: Slug3;
    /**
     * Id of the law whose findings the waiver is limited to (uk-gdpr: the UK GDPR's findings only, the same place's EU GDPR findings still count); omitted, it covers the policy's findings under every law.
     */
    law?: 'eu-gdpr' | 'uk-gdpr' | 'ch-fadp';
    /**
     * Why the finding is accepted, for reviewers and auditors.
     */
    reason: string;
    expires: IsoDate;
  }[];
}
