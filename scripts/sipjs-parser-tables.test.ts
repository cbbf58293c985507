import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeParserTablesOnce, sipjsParserTables, SIPJS_GRAMMAR } from './sipjs-parser-tables.mjs';

// The real grammar of the installed SIP.js, as shipped and as the build rewrites it, side by side.
const grammarFile = join(dirname(createRequire(import.meta.url).resolve('sip.js/package.json')), 'lib/grammar/pegjs/dist/grammar.js');
const original = readFileSync(grammarFile, 'utf8');
// Next to the original, so that its relative imports (URI, NameAddrHeader) resolve the same.
const rewrittenFile = grammarFile.replace(/grammar\.js$/, 'grammar.tables-once.test-copy.js');

type Parse = (input: string, options: { startRule: string; data?: unknown }) => unknown;
let shipped: Parse;
let rewritten: Parse;

beforeAll(async () => {
  writeFileSync(rewrittenFile, decodeParserTablesOnce(original));
  shipped = ((await import(/* @vite-ignore */ grammarFile)) as { parse: Parse }).parse;
  rewritten = ((await import(/* @vite-ignore */ rewrittenFile)) as { parse: Parse }).parse;
});
afterAll(() => rmSync(rewrittenFile, { force: true }));

/** What a parse leaves in options.data (SIP.js reads nothing else), or the error it threw. */
function outcome(parse: Parse, input: string, startRule: string): string {
  const options: { startRule: string; data?: unknown } = { startRule };
  try {
    parse(input, options);
  } catch (error) {
    return `threw ${(error as Error).name}: ${(error as Error).message}`;
  }
  return JSON.stringify(options.data, (_key, value: unknown) => (value instanceof Map ? [...value] : value));
}

const sdp = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n';
const CASES: Array<[string, string]> = [
  ['INVITE sip:2002@127.0.0.1;transport=ws SIP/2.0', 'Request_Response'],
  ['SIP/2.0 407 Proxy Authentication Required', 'Request_Response'],
  ['SIP/2.0 200 OK', 'Request_Response'],
  ['SIP/2.0/WSS 127.0.0.1:5060;branch=z9hG4bK1234;rport=5060;received=127.0.0.1', 'Via'],
  ['"Ann \\"the\\" Caller" <sip:2001@example.com;user=phone>;tag=abc', 'Name_Addr_Header'],
  ['<sip:2002@127.0.0.1>', 'Name_Addr_Header'],
  ['sip:alice@[::1]:5061;transport=tls?subject=hi', 'SIP_URI'],
  ['<sip:127.0.0.1;r2=on;lr=on;ftag=abc>, <sip:10.0.0.1;lr>', 'Record_Route'],
  ['<sip:xyz@abc.invalid;transport=ws;ob>;expires=600;+sip.instance="<urn:uuid:1>"', 'Contact'],
  ['*', 'Contact'],
  ['2 INVITE', 'CSeq'],
  ['abcdef@127.0.0.1', 'Call_ID'],
  ['application/sdp', 'Content_Type'],
  ['Digest realm="example.com", nonce="abc123", qop="auth,auth-int", algorithm=MD5, stale=TRUE, opaque="x"', 'challenge'],
  ['active;expires=60', 'Subscription_State'],
  ['outbound, replaces, 100rel', 'Supported'],
  ['<sip:bob@example.com?Replaces=abc%40host%3Bto-tag%3D1%3Bfrom-tag%3D2>', 'Refer_To'],
  // Malformed: both must fail the same way.
  ['sip:', 'SIP_URI'],
  ['SIP/2.0 20 OK', 'Request_Response'],
  ['<sip:unterminated@host', 'Name_Addr_Header'],
  ['Digest realm=', 'challenge'],
  [sdp, 'Content_Type'],
];

describe('SIP.js parser tables decoded once (the renderer build step)', () => {
  it('parses every message part exactly as the shipped grammar does, valid or not, call after call', () => {
    for (let round = 0; round < 3; round += 1) {
      for (const [input, rule] of CASES) expect(outcome(rewritten, input, rule), `${rule}: ${input}`).toBe(outcome(shipped, input, rule));
    }
    // The corpus means something: most of it parses, and the malformed part does not.
    const parsed = CASES.filter(([input, rule]) => !outcome(shipped, input, rule).startsWith('threw'));
    expect(parsed.length).toBeGreaterThan(15);
    expect(parsed.length).toBeLessThan(CASES.length);
  });

  it('really moves the table out of the parse function (decoded once, not per call)', () => {
    const source = decodeParserTablesOnce(original);
    expect(source).toContain('const peg$bytecode = peg$bytecodeOnce();');
    const parseBody = source.slice(source.indexOf('function peg$parse(input, options) {'));
    expect(parseBody).not.toContain('peg$decode("');
  });

  it('fails the build, with the reason, when a SIP.js release no longer has the table', () => {
    expect(() => decodeParserTablesOnce('export const parse = () => undefined;\n')).toThrow(/no longer has the expected bytecode table/);
  });

  it('the Vite plugin rewrites that one module and leaves every other alone', () => {
    const plugin = sipjsParserTables() as { transform: (code: string, id: string) => { code: string } | null };
    expect(plugin.transform('const a = 1;', '/app/node_modules/sip.js/lib/api/inviter.js')).toBeNull();
    expect(plugin.transform(original, `/app/node_modules${SIPJS_GRAMMAR}?v=123`)?.code).toContain('peg$bytecodeOnce');
  });
});
