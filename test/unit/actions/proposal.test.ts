import * as assert from 'node:assert/strict';
import { fitReplacement, fitWholeFile, parseCodeProposal, ProposalFormatError } from '../../../src/actions/proposal';

describe('structured proposal replies', () => {
  it('reads code and rationale from the JSON answer', () => {
    const reply = JSON.stringify({ rationale: 'Uses a guard clause.', code: 'if (!x) return;\nrun(x);' });
    assert.deepEqual(parseCodeProposal(reply), { rationale: 'Uses a guard clause.', code: 'if (!x) return;\nrun(x);' });
  });

  it('accepts JSON wrapped in a ```json fence and code wrapped in a language fence', () => {
    const reply = '```json\n' + JSON.stringify({ rationale: 'r', code: '```ts\nconst a = 1;\n```' }) + '\n```';
    assert.deepEqual(parseCodeProposal(reply), { rationale: 'r', code: 'const a = 1;' });
  });

  it('tolerates a missing rationale', () => {
    assert.deepEqual(parseCodeProposal('{"code":"x()"}'), { code: 'x()', rationale: '' });
  });

  const malformed: [string, string, RegExp][] = [
    ['an empty reply', '  ', /the reply was empty/],
    ['prose instead of JSON', 'Here is the refactored code: const a = 1;', /not valid JSON/],
    ['truncated JSON', '{"rationale":"r","code":"const a', /not valid JSON/],
    ['a JSON list', '[{"code":"x"}]', /not a JSON object/],
    ['no code field', '{"rationale":"r"}', /"code" field was missing/],
    ['code that is not text', '{"rationale":"r","code":42}', /"code" was a number, not text/],
    ['empty code', '{"rationale":"r","code":"   "}', /"code" was empty/],
  ];
  for (const [name, reply, problem] of malformed) {
    it(`rejects ${name} with a clear error and says nothing was changed`, () => {
      assert.throws(() => parseCodeProposal(reply), (error: unknown) => {
        assert.ok(error instanceof ProposalFormatError);
        assert.match(error.message, problem);
        assert.match(error.message, /^Gemini's answer could not be used: .*Nothing was changed; run the action again\.$/);
        return true;
      });
    });
  }
});

describe('fitting a proposal into the document', () => {
  it('drops trailing line breaks the target did not have', () => {
    assert.equal(fitReplacement('  a();', '  b();\n\n'), '  b();');
  });

  it('restores the indentation when the model dropped it for every line', () => {
    assert.equal(fitReplacement('    if (a) {\n      b();\n    }', 'if (a) {\n  c();\n}'), '    if (a) {\n      c();\n    }');
  });

  it('leaves the proposal\'s own indentation alone when it kept some', () => {
    assert.equal(fitReplacement('    a();', '  b();'), '  b();');
  });

  it('normalises CRLF to LF (the editor converts to the document\'s line ending)', () => {
    assert.equal(fitReplacement('a', 'b\r\nc'), 'b\nc');
  });

  it('ends a whole file with exactly one line break', () => {
    assert.equal(fitWholeFile('x\n\n\n'), 'x\n');
    assert.equal(fitWholeFile('x'), 'x\n');
  });
});
