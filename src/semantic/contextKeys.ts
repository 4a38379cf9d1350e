// The names both sides of the semantic index share: the workspaceState key that records the
// user's consent to index this workspace, and the context key VS Code's `when` clauses read to
// offer gemini_search_code_semantic to its own chat only where an index can answer. A leaf with
// no imports, so the activation shell can set the context key before the core loads.

/** workspaceState: the user accepted the estimate and indexed this workspace. */
export const SEMANTIC_CONSENT_KEY = 'gemini.semanticIndex.consented';

/** Context key: true while this workspace's semantic index is enabled and built (or, before the core loads, was). */
export const SEMANTIC_INDEX_CONTEXT = 'gemini.semanticIndexReady';
