// The files the semantic index may read, under the same policy as the workspace tools: the walk
// skips what .gitignore, .geminiignore, files.exclude and the built-in rules hide (ignored
// folders are never entered), and neither a sensitive name (.env, keys, credentials...), a
// private key's content, a file with several hard links, a symlink, a binary file nor one over
// tools.maxFileBytes is ever read into the index, so none of it is ever sent to Gemini.
import { Logger } from '../common/logger';
import { ToolCallContext, ToolSettings } from '../tools/context';
import { PolicyFilter } from '../tools/searchPolicy';
import { sensitiveMatchedFile, sensitiveRule } from '../tools/sensitiveFiles';
import { decodeText, looksBinary } from '../tools/text';
import { emptyWalkStats, walkWorkspace } from '../tools/walk';
import { WorkspaceLocation, WorkspacePort } from '../tools/workspacePort';
import { FileSource } from './indexer';

/** A context's ignore rules are cached: reads reuse one for this long, then re-read the rule files. */
const CONTEXT_REUSE_MS = 5000;

export class PolicyFileSource implements FileSource {
  private cached: { ctx: ToolCallContext; filters: Map<number, PolicyFilter>; at: number } | undefined;

  constructor(
    private readonly port: WorkspacePort,
    private readonly maxFileBytes: () => number,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async list(signal: AbortSignal): Promise<string[]> {
    const ctx = this.context(signal, true);
    const paths: string[] = [];
    for (const folder of ctx.folders) {
      const stats = emptyWalkStats();
      for await (const entry of walkWorkspace(ctx, { folder, path: '' }, Number.POSITIVE_INFINITY, stats)) {
        if (entry.kind === 'file' && !entry.isSymlink && !entry.sensitiveRule) paths.push(ctx.display(entry.location));
      }
    }
    return paths;
  }

  async read(path: string): Promise<string | undefined> {
    const ctx = this.context(new AbortController().signal, false);
    const location = this.locate(ctx, path);
    if (!location || sensitiveRule(location.path)) return undefined;
    let filter = this.cached!.filters.get(location.folder.index);
    if (!filter) {
      filter = new PolicyFilter(ctx, location.folder);
      this.cached!.filters.set(location.folder.index, filter);
    }
    if (await filter.hidden(location.path)) return undefined;
    const stat = await this.port.stat(location).catch(() => undefined);
    if (!stat || stat.kind !== 'file' || stat.isSymlink) return undefined;
    const bytes = await this.port.readFileIfSmall(location, this.maxFileBytes()).catch(() => undefined);
    if (!bytes || looksBinary(bytes)) return undefined;
    if (await sensitiveMatchedFile(this.port, location, bytes)) return undefined;
    return decodeText(bytes);
  }

  /** The location of a display path ("path", or "folder/path" in a multi-root workspace). */
  locate(ctx: ToolCallContext, path: string): WorkspaceLocation | undefined {
    if (!ctx.multiRoot) return ctx.folders[0] ? { folder: ctx.folders[0], path } : undefined;
    const slash = path.indexOf('/');
    const folder = ctx.folders.find((f) => f.name === (slash < 0 ? path : path.slice(0, slash)));
    return folder && slash > 0 ? { folder, path: path.slice(slash + 1) } : undefined;
  }

  private context(signal: AbortSignal, fresh: boolean): ToolCallContext {
    if (fresh || !this.cached || this.now() - this.cached.at > CONTEXT_REUSE_MS) {
      const settings: ToolSettings = { enabled: true, approval: 'auto', maxFileBytes: this.maxFileBytes(), maxResultBytes: 65536 };
      this.cached = { ctx: new ToolCallContext(this.port, settings, signal, this.logger), filters: new Map(), at: this.now() };
    }
    return this.cached.ctx;
  }
}
