// search_code_semantic: the workspace chunks nearest in meaning to a question, from the local
// embeddings index (only offered once the user has built one). Read-only. Each hit is re-read
// from the file under the tools' policy at call time, so a file that became ignored or sensitive
// since it was indexed is left out, and the snippet is what the file says now.
import { l10n } from '../common/l10n';
import { OutputBudget, ToolError, clipToBytes } from '../tools/text';
import { ParamSpecs } from '../tools/schema';
import { defineTool } from '../tools/tool';
import { PolicyFileSource } from './policyFiles';

/** Lines of a chunk shown at most; the model reads the rest with read_file. */
const MAX_SNIPPET_LINES = 40;

const params = {
  query: { type: 'string', required: true, maxLength: 1000, description: "What the code does or is about, in plain words, e.g. 'where the retry delay of a 429 is computed'. Not a regex or exact text: use search_text for that." },
  maxResults: { type: 'integer', minimum: 1, maximum: 30, description: 'Most chunks to return. Default 8.' },
} satisfies ParamSpecs;

export const searchCodeSemanticTool = defineTool({
  name: 'search_code_semantic',
  description: 'Find code and docs by meaning (embeddings index of the workspace): returns the best-matching chunks as path, line range and snippet, best first. Use it when you do not know the exact words to search for; use search_text for exact text.',
  // In VS Code's chat our tools carry the gemini_ prefix.
  vscodeDescription: 'Find code and docs by meaning (embeddings index of the workspace): returns the best-matching chunks as path, line range and snippet, best first. Use it when you do not know the exact words to search for; use gemini_search_text for exact text and gemini_read_file for more of a file.',
  params,
  available: (services) => Boolean(services.semantic?.ready()),
  async prepare(args, ctx) {
    const semantic = ctx.services.semantic;
    if (!semantic?.ready()) throw new ToolError('No semantic index exists yet; use search_text or find_files.');
    const maxResults = args.maxResults ?? 8;
    return {
      describe: l10n.t("search the semantic index for '{0}'", args.query),
      sensitiveFiles: [],
      run: async () => {
        const hits = await semantic.search(args.query, maxResults * 2, ctx.signal);
        ctx.throwIfCancelled();
        const files = new PolicyFileSource(ctx.port, () => ctx.settings.maxFileBytes, ctx.logger);
        const texts = new Map<string, Promise<string | undefined>>();
        const budget = new OutputBudget(ctx.settings.maxResultBytes - 200);
        let shown = 0;
        for (const hit of hits) {
          if (shown >= maxResults) break;
          let text = texts.get(hit.path);
          if (!text) { text = files.read(hit.path); texts.set(hit.path, text); }
          const content = await text;
          if (content === undefined) continue;
          const lines = content.split(/\r?\n/);
          const end = Math.min(hit.endLine, lines.length, hit.startLine + MAX_SNIPPET_LINES - 1);
          if (hit.startLine > lines.length) continue;
          const snippet = lines.slice(hit.startLine - 1, end).join('\n');
          const more = hit.endLine > end ? `\n… (${hit.endLine - end} more lines: read_file ${hit.path} from line ${end + 1})` : '';
          const block = `## ${hit.path}:${hit.startLine}-${hit.endLine} (score ${hit.score.toFixed(3)})\n${clipToBytes(snippet, 4000)}${more}\n`;
          if (!budget.add(block)) break;
          shown++;
        }
        const body = shown === 0 ? `No indexed code matches '${args.query}'.` : budget.render('chunks', 'ask for fewer results');
        return { output: body, summary: shown === 1 ? l10n.t("found 1 chunk for '{0}'", args.query) : l10n.t("found {0} chunks for '{1}'", shown, args.query) };
      },
    };
  },
});
