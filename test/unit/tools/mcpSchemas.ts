// Ten tool input schemas as real MCP servers publish them (written from the servers' published
// tool lists, in the shapes their schema generators emit): zod-to-json-schema (filesystem, memory,
// playwright, brave search, github), pydantic (fetch, git, time), and hand-written ones with
// unions, constants, numeric enums and recursion. Test data for jsonSchemaToGemini.

export const MCP_SCHEMAS: Record<string, Record<string, unknown>> = {
  // @modelcontextprotocol/server-filesystem: zod-to-json-schema, draft-07, additionalProperties false.
  'filesystem.edit_file': {
    type: 'object',
    properties: {
      path: { type: 'string' },
      edits: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            oldText: { type: 'string', description: 'Text to search for - must match exactly' },
            newText: { type: 'string', description: 'Text to replace with' },
          },
          required: ['oldText', 'newText'],
          additionalProperties: false,
        },
      },
      dryRun: { type: 'boolean', default: false, description: 'Preview changes using git-style diff format' },
    },
    required: ['path', 'edits'],
    additionalProperties: false,
    $schema: 'http://json-schema.org/draft-07/schema#',
  },
  'filesystem.search_files': {
    type: 'object',
    properties: {
      path: { type: 'string' },
      pattern: { type: 'string' },
      excludePatterns: { type: 'array', items: { type: 'string' }, default: [] },
    },
    required: ['path', 'pattern'],
    additionalProperties: false,
    $schema: 'http://json-schema.org/draft-07/schema#',
  },
  // github MCP server: list_issues with enums, a date-time, paging bounds.
  'github.list_issues': {
    type: 'object',
    properties: {
      owner: { type: 'string', description: 'Repository owner' },
      repo: { type: 'string', description: 'Repository name' },
      state: { type: 'string', enum: ['open', 'closed', 'all'], description: 'Filter by state' },
      labels: { type: 'array', items: { type: 'string' }, description: 'Filter by labels' },
      sort: { type: 'string', enum: ['created', 'updated', 'comments'] },
      direction: { type: 'string', enum: ['asc', 'desc'] },
      since: { type: 'string', format: 'date-time', description: 'Filter by date (ISO 8601 timestamp)' },
      page: { type: 'number', minimum: 1 },
      perPage: { type: 'number', minimum: 1, maximum: 100 },
    },
    required: ['owner', 'repo'],
    additionalProperties: false,
    $schema: 'http://json-schema.org/draft-07/schema#',
  },
  // github: push_files, where zod reused one schema: a $ref into properties.
  'github.push_files': {
    type: 'object',
    properties: {
      owner: { type: 'string' },
      repo: { type: 'string' },
      branch: { type: 'string' },
      files: {
        type: 'array',
        items: { type: 'object', properties: { path: { type: 'string' }, content: { type: 'string' } }, required: ['path', 'content'], additionalProperties: false },
      },
      deletions: { type: 'array', items: { $ref: '#/properties/files/items' } },
      message: { type: 'string' },
    },
    required: ['owner', 'repo', 'branch', 'files', 'message'],
    additionalProperties: false,
    $schema: 'http://json-schema.org/draft-07/schema#',
  },
  // mcp-server-fetch (pydantic): titles, a uri format, exclusive bounds, defaults.
  'fetch.fetch': {
    description: 'Parameters for fetching a URL.',
    properties: {
      url: { description: 'URL to fetch', format: 'uri', minLength: 1, title: 'Url', type: 'string' },
      max_length: { default: 5000, description: 'Maximum number of characters to return.', exclusiveMaximum: 1000000, exclusiveMinimum: 0, title: 'Max Length', type: 'integer' },
      start_index: { default: 0, description: 'On return output starting at this character index.', minimum: 0, title: 'Start Index', type: 'integer' },
      raw: { default: false, description: 'Get the actual HTML content of the requested page, without simplification.', title: 'Raw', type: 'boolean' },
    },
    required: ['url'],
    title: 'Fetch',
    type: 'object',
  },
  // mcp-server-git (pydantic): Optional[...] as anyOf with null, a model in $defs behind $ref.
  'git.git_commit': {
    $defs: {
      Author: {
        properties: { name: { title: 'Name', type: 'string' }, email: { anyOf: [{ type: 'string' }, { type: 'null' }], default: null, title: 'Email' } },
        required: ['name'],
        title: 'Author',
        type: 'object',
      },
    },
    properties: {
      repo_path: { title: 'Repo Path', type: 'string' },
      message: { title: 'Message', type: 'string' },
      author: { anyOf: [{ $ref: '#/$defs/Author' }, { type: 'null' }], default: null },
      max_count: { default: 10, title: 'Max Count', type: 'integer' },
    },
    required: ['repo_path', 'message'],
    title: 'GitCommit',
    type: 'object',
  },
  // @playwright/mcp browser_click: enums, an array of enum items.
  'playwright.browser_click': {
    type: 'object',
    properties: {
      element: { type: 'string', description: 'Human-readable element description used to obtain permission to interact with the element' },
      ref: { type: 'string', description: 'Exact target element reference from the page snapshot' },
      doubleClick: { type: 'boolean', description: 'Whether to perform a double click instead of a single click' },
      button: { type: 'string', enum: ['left', 'right', 'middle'], description: 'Button to click, defaults to left' },
      modifiers: { type: 'array', items: { type: 'string', enum: ['Alt', 'Control', 'ControlOrMeta', 'Meta', 'Shift'] }, description: 'Modifier keys to press' },
    },
    required: ['element', 'ref'],
    additionalProperties: false,
    $schema: 'http://json-schema.org/draft-07/schema#',
  },
  // @modelcontextprotocol/server-memory create_entities: arrays of objects of arrays.
  'memory.create_entities': {
    type: 'object',
    properties: {
      entities: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            name: { type: 'string', description: 'The name of the entity' },
            entityType: { type: 'string', description: 'The type of the entity' },
            observations: { type: 'array', items: { type: 'string' }, description: 'An array of observation contents associated with the entity' },
          },
          required: ['name', 'entityType', 'observations'],
          additionalProperties: false,
        },
      },
    },
    required: ['entities'],
    additionalProperties: false,
    $schema: 'http://json-schema.org/draft-07/schema#',
  },
  // server-everything style: type arrays, const, numeric enum, free-form metadata, oneOf of shapes.
  'everything.annotated_request': {
    type: 'object',
    properties: {
      kind: { const: 'request' },
      version: { const: 2 },
      priority: { type: 'integer', enum: [1, 2, 3], description: 'Priority' },
      temperature: { type: ['number', 'null'], minimum: 0, maximum: 2 },
      idOrName: { type: ['string', 'integer'], description: 'An id or a name' },
      metadata: { type: 'object', additionalProperties: { type: 'string' }, description: 'Free-form labels' },
      target: {
        oneOf: [
          { type: 'object', properties: { type: { const: 'file' }, path: { type: 'string' } }, required: ['type', 'path'] },
          { type: 'object', properties: { type: { const: 'url' }, url: { type: 'string', format: 'uri' } }, required: ['type', 'url'] },
        ],
      },
      level: { anyOf: [{ const: 'debug' }, { const: 'info' }, { const: 'error' }] },
    },
    required: ['kind'],
  },
  // A notion-style block tree: recursive $ref and deep nesting.
  'notion.append_blocks': {
    type: 'object',
    $defs: {
      block: {
        type: 'object',
        properties: {
          type: { type: 'string', enum: ['paragraph', 'heading_1', 'bulleted_list_item'] },
          text: { type: 'array', items: { type: 'object', properties: { content: { type: 'string' }, link: { anyOf: [{ type: 'object', properties: { url: { type: 'string' } } }, { type: 'null' }] } } } },
          children: { type: 'array', items: { $ref: '#/$defs/block' } },
        },
        required: ['type'],
      },
    },
    properties: {
      block_id: { type: 'string' },
      children: { type: 'array', items: { $ref: '#/$defs/block' } },
      deep: { type: 'object', properties: { a: { type: 'object', properties: { b: { type: 'object', properties: { c: { type: 'object', properties: { d: { type: 'object', properties: { e: { type: 'object', properties: { f: { type: 'object', properties: { g: { type: 'object', properties: { h: { type: 'object', properties: { i: { type: 'string' } } } } } } } } } } } } } } } } } } },
    },
    required: ['block_id', 'children'],
  },
};
