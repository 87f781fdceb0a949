/* Generated from schemas/countries.schema.json by `npm run gen:types`. Do not edit: change the schema and regenerate. */

/**
 * The list of ISO 3166-1 alpha-2 codes the tools accept, with names used to recognise countries in imported pages.
 */
export interface CountryList {
  /**
   * What the file holds.
   */
  description: string;
  /**
   * Where the codes and names come from.
   */
  source: string;
  /**
   * When a person last checked the list against its source.
   */
  reviewedOn: string;
  /**
   * One entry per officially assigned code.
   *
   * @minItems 1
   */
  countries: [
    {
      /**
       * ISO 3166-1 alpha-2 code.
       */
      code: string;
      /**
       * English short name.
       */
      name: string;
      /**
       * Other names and abbreviations in use.
       */
      aliases?: string[];
    },
    ...{
      /**
       * ISO 3166-1 alpha-2 code.
       */
      code: string;
      /**
       * English short name.
       */
      name: string;
      /**
       * Other names and abbreviations in use.
       */
      aliases?: string[];
    }[]
  ];
}
