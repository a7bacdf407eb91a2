import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  acceptsAnswers,
  campaignInstants,
  campaignStatus,
  checkCampaignWindow,
  formatRespondentCode,
  isIsoDate,
  isRespondentCode,
  moscowDate,
  normalizeRespondentCode,
  RESPONDENT_CODE_ALPHABET,
  RESPONDENT_CODE_BYTES,
} from './campaign.js';

const window = { opensOn: '2025-01-28', closesOn: '2025-02-15' };
const at = (iso: string) => new Date(iso);

test('the window follows Moscow dates: from 00:00 of the first day to the end of the last', () => {
  const { opensAt, closesAt } = campaignInstants(window);
  assert.equal(opensAt.toISOString(), '2025-01-27T21:00:00.000Z');
  assert.equal(closesAt.toISOString(), '2025-02-15T21:00:00.000Z');
  assert.equal(campaignStatus(window, at('2025-01-27T20:59:59Z')), 'scheduled');
  assert.equal(campaignStatus(window, at('2025-01-27T21:00:00Z')), 'open');
  assert.equal(campaignStatus(window, at('2025-02-15T20:59:59Z')), 'open'); // 23:59:59 in Moscow
  assert.equal(campaignStatus(window, at('2025-02-15T21:00:00Z')), 'closed');
  assert.equal(acceptsAnswers(window, at('2025-02-01T12:00:00Z')), true);
  assert.equal(acceptsAnswers(window, at('2025-03-01T12:00:00Z')), false);
});

test('a coordinator can close a campaign early', () => {
  const closed = { ...window, closedAt: '2025-02-10T09:00:00Z' };
  assert.equal(campaignStatus(closed, at('2025-02-10T08:59:59Z')), 'open');
  assert.equal(campaignStatus(closed, at('2025-02-10T09:00:00Z')), 'closed');
  assert.equal(acceptsAnswers({ ...window, closedAt: new Date('2025-01-01T00:00:00Z') }, at('2025-02-01T00:00:00Z')), false);
  assert.equal(campaignStatus({ ...window, closedAt: null }, at('2025-02-01T00:00:00Z')), 'open');
});

test('Moscow dates and window checks', () => {
  assert.equal(moscowDate(at('2025-02-15T20:59:59Z')), '2025-02-15');
  assert.equal(moscowDate(at('2025-02-15T21:00:00Z')), '2025-02-16');
  assert.equal(isIsoDate('2024-02-29'), true);
  assert.equal(isIsoDate('2025-02-29'), false);
  assert.equal(isIsoDate('28.01.2025'), false);
  assert.deepEqual(checkCampaignWindow(window), []);
  assert.deepEqual(checkCampaignWindow({ opensOn: '2025-01-28', closesOn: '2025-01-28' }), []);
  assert.deepEqual(checkCampaignWindow({ opensOn: '2025-02-15', closesOn: '2025-01-28' }).map((i) => i.path), ['closesOn']);
  assert.deepEqual(checkCampaignWindow({ opensOn: '2025-13-01', closesOn: '' }).map((i) => i.path), ['opensOn', 'closesOn']);
});

test('respondent codes: fixed bytes give a fixed code without ambiguous characters', () => {
  assert.equal(RESPONDENT_CODE_ALPHABET.length, 32);
  assert.doesNotMatch(RESPONDENT_CODE_ALPHABET, /[01OI]/);
  assert.equal(formatRespondentCode(new Uint8Array(RESPONDENT_CODE_BYTES)), 'AAA-AAA-AAA');
  assert.equal(formatRespondentCode(new Uint8Array(RESPONDENT_CODE_BYTES).fill(255)), '999-999-999');
  assert.throws(() => formatRespondentCode(new Uint8Array(3)), RangeError);
});

test('typed codes are normalised: case, spaces, dashes and Cyrillic look-alikes', () => {
  assert.equal(normalizeRespondentCode('k7m q2p x9t'), 'K7M-Q2P-X9T');
  assert.equal(normalizeRespondentCode('К7М-Q2Р-Х9Т'), 'K7M-Q2P-X9T'); // Cyrillic К, М, Р, Х, Т
  assert.equal(normalizeRespondentCode('K7MQ2PX9'), null);
  assert.equal(normalizeRespondentCode('K0M-Q2P-X9T'), null);
  assert.equal(isRespondentCode('K7M-Q2P-X9T'), true);
  assert.equal(isRespondentCode('k7m-q2p-x9t'), false);
});

test('every byte string makes a valid code; different leading bits make different codes', () => {
  const bytes = fc.uint8Array({ minLength: RESPONDENT_CODE_BYTES, maxLength: RESPONDENT_CODE_BYTES });
  fc.assert(
    fc.property(bytes, fc.integer({ min: 0, max: 44 }), (b, bit) => {
      const code = formatRespondentCode(b);
      assert.ok(isRespondentCode(code), code);
      assert.equal(normalizeRespondentCode(code.toLowerCase().replaceAll('-', ' ')), code);
      const flipped = Uint8Array.from(b);
      flipped[bit >> 3]! ^= 1 << (7 - (bit & 7));
      assert.notEqual(formatRespondentCode(flipped), code);
    }),
    { numRuns: 500 },
  );
});
