/**
 * The public contract (src/contract.ts) reaches every place that lists it: the element's Lit
 * properties, the React wrapper, custom-elements.json (and from it the kit's event recorder and the
 * README's API table), the JSX and Svelte template typings and the browser tests' fixture. The
 * run-time half is here; the type half is the `Expect…` lines below, which fail `tsc` (`npm run
 * typecheck`, part of `npm test`) when a list lacks an entry.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { APPEND_EVENT_TYPES } from '../../kit/testing.js';
import {
  APPEND_CONFIG_KEYS,
  APPEND_EVENTS,
  APPEND_EVENT_NAMES,
  APPEND_PROPERTIES,
  reactEventProp,
  type AppendEventName,
  type AppendProperties,
  type ReactEventProp,
} from '../../src/contract.js';
import { CorbadoAppend } from '../../src/index.js';
import { corbadoAppendEvents, type CorbadoAppendJSXProps, type CorbadoAppendProps } from '../../src/react.js';
import type { CorbadoAppendSvelteAttributes } from '../../src/svelte.js';
import type { AppendEventType as FixtureEventType } from '../helpers/event-log.js';

// ── the type half: each line fails tsc when a list lacks an entry ────────────

type Expect<T extends true> = T;
type Has<T, K extends PropertyKey> = [K] extends [keyof T] ? true : false;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Attributes = { [K in keyof typeof APPEND_PROPERTIES]: (typeof APPEND_PROPERTIES)[K]['attribute'] }[keyof typeof APPEND_PROPERTIES];
type Settable = Exclude<keyof AppendProperties, 'onComplete' | 'onSkip' | 'onError'>;

export type TypeChecks = [
  // React: every event an `onCorbadoAppend…` prop; every property a prop.
  Expect<Has<CorbadoAppendProps, ReactEventProp<AppendEventName>>>,
  Expect<Has<CorbadoAppendProps, keyof AppendProperties>>,
  // React 19 JSX and Svelte 5 templates: every event as `on<event-name>`, every attribute, every property.
  Expect<Has<CorbadoAppendJSXProps, `on${AppendEventName}` | Exclude<Attributes, false> | Settable>>,
  Expect<Has<CorbadoAppendSvelteAttributes, `on${AppendEventName}` | Exclude<Attributes, false> | Settable>>,
  // Values a template may give: a boolean attribute only by presence (Svelte writes `{false}` as
  // the text "false", which Lit reads as on), a number attribute a number or its text.
  Expect<Same<CorbadoAppendSvelteAttributes['early-token'], true | '' | undefined>>,
  Expect<Same<CorbadoAppendSvelteAttributes['force-passkey-append'], true | '' | undefined>>,
  Expect<Same<CorbadoAppendJSXProps['early-token'], true | '' | undefined>>,
  Expect<Same<CorbadoAppendSvelteAttributes['snooze-days'], number | `${number}` | undefined>>,
  Expect<Same<CorbadoAppendSvelteAttributes['earlyToken'], boolean | undefined>>,
  // The element: every property, typed as the contract says.
  Expect<Same<Pick<CorbadoAppend, keyof AppendProperties>, AppendProperties>>,
  // The browser tests' event records (fixture, second tab): exactly the contract's events (the kit's: below, from custom-elements.json).
  Expect<Same<FixtureEventType, AppendEventName>>,
];

// ── the run-time half ───────────────────────────────────────────────────────

/** What these tests read of custom-elements.json. */
interface Manifest {
  modules: { declarations?: { tagName?: string }[] }[];
}
interface ElementDoc {
  tagName: string;
  events?: { name: string; description?: string; type?: { text: string } }[];
  attributes?: { name: string; fieldName?: string }[];
  members: { kind: string; name: string; attribute?: string; reflects?: boolean; description?: string }[];
}
const manifest = JSON.parse(readFileSync(new URL('../../custom-elements.json', import.meta.url), 'utf8')) as Manifest;
const element = manifest.modules.flatMap((mod) => mod.declarations ?? []).find((decl) => decl.tagName === 'corbado-append') as ElementDoc;

describe('the public contract reaches every list', () => {
  it('the events: React props, custom-elements.json, the kit recorder', () => {
    assert.deepEqual(APPEND_EVENT_NAMES, Object.keys(APPEND_EVENTS));
    assert.ok(APPEND_EVENT_NAMES.includes('corbado-append-continue'));
    assert.deepEqual(
      Object.entries(corbadoAppendEvents),
      APPEND_EVENT_NAMES.map((name) => [reactEventProp(name), name]),
    );
    assert.equal(reactEventProp('corbado-append-continue'), 'onCorbadoAppendContinue');
    assert.deepEqual(
      element.events?.map((e) => e.name),
      APPEND_EVENT_NAMES,
      'custom-elements.json is stale: npm run build:manifest',
    );
    assert.ok(element.events?.every((e) => e.description && e.type?.text.startsWith('CustomEvent<')));
    assert.deepEqual([...APPEND_EVENT_TYPES], APPEND_EVENT_NAMES);
  });

  it('the properties: Lit, custom-elements.json (attribute, reflection, description)', () => {
    const declared = (CorbadoAppend as unknown as { properties: Record<string, { attribute?: unknown; state?: boolean }> }).properties;
    for (const [name, spec] of Object.entries(APPEND_PROPERTIES)) {
      assert.equal(declared[name]?.attribute, spec.attribute, `${name}: Lit`);
      const member = element.members.find((m) => m.kind === 'field' && m.name === name);
      assert.ok(member?.description, `${name}: described in custom-elements.json`);
      assert.equal(member.attribute, spec.attribute || undefined, `${name}: its attribute in custom-elements.json`);
      assert.equal(member.reflects, 'reflect' in spec ? true : undefined, `${name}: reflected`);
      if (spec.attribute) assert.ok(element.attributes?.some((a) => a.name === spec.attribute && a.fieldName === name));
    }
    // Internal reactive state is no attribute and no public property.
    const internal = Object.keys(declared).filter((k) => !(k in APPEND_PROPERTIES));
    assert.ok(internal.every((k) => declared[k]!.state === true));
    assert.deepEqual(
      element.attributes?.map((a) => a.name).sort(),
      ['lang', ...Object.values(APPEND_PROPERTIES).flatMap((s) => (s.attribute ? [s.attribute] : []))].sort(),
    );
  });

  it('the flow reads every config property, once, from the element', () => {
    const el = Object.assign(new CorbadoAppend(), { projectId: 'pro-1', snoozeDays: 3, earlyToken: true, theme: 'dark' as const });
    const config = (el as unknown as { appendConfig: Record<string, unknown> }).appendConfig;
    assert.deepEqual(Object.keys(config), APPEND_CONFIG_KEYS);
    assert.deepEqual([config.projectId, config.snoozeDays, config.earlyToken], ['pro-1', 3, true]);
    assert.ok(!('theme' in config) && !('strings' in config), 'view-only properties are not the flow’s');
  });
});
