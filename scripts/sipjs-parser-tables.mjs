// A build step for SIP.js's SIP parser. Its generated grammar (peggy, optimised for size) keeps
// the parser's bytecode as strings and decodes all 236 of them inside `peg$parse`, so on every
// call: each incoming message runs the parser a dozen times (start line, Via, From, To, CSeq,
// Contact, Record-Route…), and rebuilding those tables was most of the main thread's time between
// an INVITE's arrival and our 200 OK (and between a 200 OK and our ACK), with the garbage it left.
// The tables are pure data: decoded once, on first use, the parser does the same work in about a
// third of the time (scripts/sipjs-parser-tables.test.ts checks both parse the same).
//
// Applied by vite.config.ts to the renderer's copy of SIP.js. When a SIP.js release changes the
// generated file so that the tables cannot be found, the build fails here rather than silently
// going slow: then check whether the new release still needs it.

/** The SIP.js module this applies to (a path ending). */
export const SIPJS_GRAMMAR = '/sip.js/lib/grammar/pegjs/dist/grammar.js';

const TABLE_START = '    const peg$bytecode = [\n';
const TABLE_END = '\n    ];\n';
const PARSE_START = 'function peg$parse(input, options) {';

/** The grammar's source with its bytecode decoded once per page instead of once per parse. */
export function decodeParserTablesOnce(source) {
  const start = source.indexOf(TABLE_START);
  const end = start < 0 ? -1 : source.indexOf(TABLE_END, start);
  const parse = source.indexOf(PARSE_START);
  if (start < 0 || end < 0 || parse < 0 || parse > start || source.indexOf(TABLE_START, end) >= 0) {
    throw new Error(`sipjs-parser-tables: SIP.js's grammar no longer has the expected bytecode table (${SIPJS_GRAMMAR}); see scripts/sipjs-parser-tables.mjs`);
  }
  const table = source.slice(start + TABLE_START.length, end);
  const shared = [
    '// Decoded once (scripts/sipjs-parser-tables.mjs).',
    'let peg$sharedBytecode;',
    'function peg$bytecodeOnce() {',
    '    if (peg$sharedBytecode) return peg$sharedBytecode;',
    '    const peg$decode = (s) => s.split("").map((ch) => ch.charCodeAt(0) - 32);',
    `    peg$sharedBytecode = [\n${table}\n    ];`,
    '    return peg$sharedBytecode;',
    '}',
    '',
  ].join('\n');
  const body = `${source.slice(0, start)}    const peg$bytecode = peg$bytecodeOnce();\n${source.slice(end + TABLE_END.length)}`;
  return `${body.slice(0, parse)}${shared}${body.slice(parse)}`;
}

/** The Vite plugin that applies it. */
export function sipjsParserTables() {
  return {
    name: 'sipjs-parser-tables',
    transform(code, id) {
      if (!id.replace(/\\/g, '/').split('?')[0].endsWith(SIPJS_GRAMMAR)) return null;
      return { code: decodeParserTablesOnce(code), map: null };
    },
  };
}
