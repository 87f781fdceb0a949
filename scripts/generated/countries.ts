/* Generated from schemas/countries.schema.json by `npm run gen:types`. Do not edit: change the schema and regenerate. */

/**
 * The places registry files may name: ISO 3166-1 alpha-2 codes with names (used to recognise countries in imported pages), and region codes.
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
  /**
   * Region codes a registry may use instead of a country.
   *
   * @minItems 1
   */
  regions: [
    {
      /**
       * The region code.
       */
      code: 'EEA' | 'EU' | 'EUROPE' | 'NORTH_AMERICA' | 'WORLD';
      /**
       * How messages name it.
       */
      name: string;
      /**
       * True when the region hides which countries data goes to.
       */
      vague: boolean;
      /**
       * What the region includes, for messages.
       */
      note?: string;
      /**
       * The country and region codes the region contains; absent for WORLD, which contains every place. Used to tell whether one user scope contains another.
       */
      members?: string[];
    },
    ...{
      /**
       * The region code.
       */
      code: 'EEA' | 'EU' | 'EUROPE' | 'NORTH_AMERICA' | 'WORLD';
      /**
       * How messages name it.
       */
      name: string;
      /**
       * True when the region hides which countries data goes to.
       */
      vague: boolean;
      /**
       * What the region includes, for messages.
       */
      note?: string;
      /**
       * The country and region codes the region contains; absent for WORLD, which contains every place. Used to tell whether one user scope contains another.
       */
      members?: string[];
    }[]
  ];
  /**
   * Where the regions' members come from.
   */
  regionsSource?: string;
}
