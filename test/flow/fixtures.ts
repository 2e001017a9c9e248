/**
 * Builders for the flow's Node tests: offers, start responses, ceremony outcomes and a
 * Corbado-shaped error, with nothing but plain data (no DOM, no clock).
 */
import type { RegistrationResponseJSON } from '@simplewebauthn/browser';
import type { AppendStartResponse } from '../../src/api/types.js';
import { CorbadoAppendError, type CorbadoAppendErrorCode } from '../../src/errors.js';
import type { FlowEvent, FlowState, Offer } from '../../src/flow/types.js';
import type { FailureReason } from '../../src/webauthn/ceremony.js';

/** The local unix ms every test's offer was received at. */
export const T0 = 1_800_000_000_000;

export function startResponse(over: Partial<AppendStartResponse> = {}): AppendStartResponse {
  return {
    attestationOptions: '{}',
    variant: 'default',
    isRestrictedBrowser: false,
    autoAppend: false,
    conditionalAppend: false,
    expiresMs: T0 + 300_000,
    ...over,
  };
}

export function offer(over: Partial<Omit<Offer, 'start'>> & { start?: Partial<AppendStartResponse> } = {}): Offer {
  const { start, ...rest } = over;
  return {
    options: {
      challenge: 'Y2hhbGxlbmdlLWNoYWxsZW5nZQ',
      rp: { id: 'localhost', name: 'Shop' },
      user: { id: 'dXNlci0x', name: 'user@example.com', displayName: 'user@example.com' },
      pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
      timeout: 60_000,
    },
    start: startResponse(start),
    renewable: true,
    watchdogMs: 70_000,
    deadlineMs: T0 + 300_000,
    refreshAtMs: T0 + 270_000,
    ...rest,
  };
}

export const response = (id = 'cred-1'): RegistrationResponseJSON => ({
  id,
  rawId: id,
  type: 'public-key',
  response: { clientDataJSON: 'e30', attestationObject: 'o2Nm' },
  clientExtensionResults: {},
});

export const error = (code: CorbadoAppendErrorCode, init: ConstructorParameters<typeof CorbadoAppendError>[2] = {}) =>
  new CorbadoAppendError(code, `${code} happened`, init);

/** `create()` failed with this DOMException name, classified as the controller would. */
export const failure = (
  code: CorbadoAppendErrorCode,
  recoverable: boolean,
  reason: FailureReason = code === 'ceremony-cancelled' ? 'user-cancel' : 'unknown',
): Extract<FlowEvent, { type: 'create-failed' }> => ({
  type: 'create-failed',
  failure: { kind: 'error', error: error(code, { recoverable }), reason },
});

export const ready = (over: Partial<Extract<FlowState, { name: 'ready' }>> = {}): Extract<FlowState, { name: 'ready' }> => ({
  name: 'ready',
  offer: offer(),
  retry: false,
  refreshing: false,
  conditional: false,
  ...over,
});

export const creating = (over: Partial<Extract<FlowState, { name: 'creating' }>> = {}): Extract<FlowState, { name: 'creating' }> => ({
  name: 'creating',
  offer: offer(),
  retry: false,
  completionType: 'manual',
  ...over,
});

export const finishing = (over: Partial<Extract<FlowState, { name: 'finishing' }>> = {}): Extract<FlowState, { name: 'finishing' }> => ({
  name: 'finishing',
  offer: offer(),
  response: response(),
  completionType: 'manual',
  slow: false,
  ...over,
});
