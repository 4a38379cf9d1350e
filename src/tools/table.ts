// The one table of workspace tools: what Gemini is told it can call.
import { getDiagnosticsTool, getOpenEditorsTool, getSelectionTool } from './editorTools';
import { findFilesTool } from './findFiles';
import { listDirectoryTool } from './listDirectory';
import { readFileTool } from './readFile';
import { searchTextTool } from './searchText';
import { runCommandTool } from './runCommand';
import { getTerminalOutputTool } from './terminalOutput';
import { WorkspaceTool } from './tool';
import { createFileTool, deleteFileTool, editFileTool, renameFileTool } from '../agent/writeTools';
import { searchCodeSemanticTool } from '../semantic/searchCodeSemantic';

export const WORKSPACE_TOOLS: readonly WorkspaceTool[] = [
  readFileTool,
  listDirectoryTool,
  findFilesTool,
  searchTextTool,
  getDiagnosticsTool,
  getOpenEditorsTool,
  getSelectionTool,
  // Agent mode only (agentOnly): proposals the user reviews before anything is written.
  editFileTool,
  createFileTool,
  renameFileTool,
  deleteFileTool,
];

/** The tools of Ask mode (read-only); Agent mode adds those marked agentOnly. */
export const TOOL_NAMES = WORKSPACE_TOOLS.filter((tool) => !tool.agentOnly).map((tool) => tool.name);
export const AGENT_TOOL_NAMES = WORKSPACE_TOOLS.filter((tool) => tool.agentOnly).map((tool) => tool.name);

/**
 * The terminal tools, in our own chat only (VS Code's chat has its own): get_terminal_output, and
 * run_command, which is agentOnly (offered only in Agent mode). They need a TerminalPort.
 */
export const TERMINAL_TOOLS: readonly WorkspaceTool[] = [getTerminalOutputTool, runCommandTool];

/**
 * search_code_semantic, in our own chat only: offered once the user has built the semantic index
 * (Gemini: Index Workspace for Semantic Search); it needs SearchServices.semantic.
 */
export const SEMANTIC_TOOLS: readonly WorkspaceTool[] = [searchCodeSemanticTool];

/** What our chat's registry holds. */
export const CHAT_TOOLS: readonly WorkspaceTool[] = [...WORKSPACE_TOOLS, ...TERMINAL_TOOLS, ...SEMANTIC_TOOLS];
