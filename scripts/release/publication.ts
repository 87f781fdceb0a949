import type { RegistrySettings } from '../generated/registry.js';
import { publisherRole } from '../engine/settings.js';

/**
 * What the public outputs (the page, the changelog, the feeds) say about being told of changes and objecting, and
 * where the page lives. One place, so the page and the changelog cannot word the objection channel differently.
 */

export type PublicationSettings = Pick<RegistrySettings, 'controller' | 'noticePeriodDays' | 'noticeText' | 'pageUrl'>;

const days = (n: number) => (n === 1 ? '1 day' : `${n} days`);

/**
 * The publisher's own text when registry.yaml has one; otherwise one made from the notice period and the contact. A
 * processor's customers may object to a new sub-processor (GDPR Art. 28(2)); a controller's users are told and may ask.
 */
export function noticeText(settings: PublicationSettings): string {
  if (settings.noticeText !== undefined) return settings.noticeText;
  const { name, contact } = settings.controller;
  const period = settings.noticePeriodDays;
  if (publisherRole(settings) === 'processor') {
    const told = `${name} tells its customers of a new sub-processor, or a new place where one processes personal data, at least ${days(period)} before it starts.`;
    return contact
      ? `${told} A customer may object to the change within that period (GDPR Art. 28(2)) by writing to ${contact}.`
      : `${told} This list names no contact for objections.`;
  }
  const told = `${name} announces a new subprocessor, or a new place where one processes personal data, at least ${days(period)} before it starts.`;
  return contact ? `${told} Questions and objections: ${contact}.` : `${told} This list names no contact for questions or objections.`;
}

/** The contact as a link target: an email address becomes a mailto: address; a web address stays as it is. */
export function contactHref(contact: string): string {
  return contact.includes('@') && !/^https?:\/\//.test(contact) ? `mailto:${contact}` : contact;
}

/**
 * Where the page is published: registry.yaml's pageUrl, else the GitHub Pages address of a repository on github.com
 * (https://OWNER.github.io/REPO/), else unknown (the page's own links are relative and still work).
 */
export function publicPageUrl(settings: Pick<RegistrySettings, 'pageUrl'>, repositoryUrl?: string): string | undefined {
  if (settings.pageUrl !== undefined) return settings.pageUrl;
  const match = repositoryUrl ? /^https:\/\/github\.com\/([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)$/.exec(repositoryUrl) : null;
  if (!match) return undefined;
  const [, owner = '', repo = ''] = match;
  return `https://${owner.toLowerCase()}.github.io/${repo}/`;
}
