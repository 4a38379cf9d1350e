// The one table of workspace tools: what Gemini is told it can call.
import { getDiagnosticsTool, getOpenEditorsTool, getSelectionTool } from './editorTools';
import { findFilesTool } from './findFiles';
import { listDirectoryTool } from './listDirectory';
import { readFileTool } from './readFile';
import { searchTextTool } from './searchText';
import { WorkspaceTool } from './tool';

export const WORKSPACE_TOOLS: readonly WorkspaceTool[] = [
  readFileTool,
  listDirectoryTool,
  findFilesTool,
  searchTextTool,
  getDiagnosticsTool,
  getOpenEditorsTool,
  getSelectionTool,
];

export const TOOL_NAMES = WORKSPACE_TOOLS.map((tool) => tool.name);
