// Pending proposals as JSON, so a window reload keeps them reviewable: locations are stored as the
// folder's URI and path, and a set whose folders are no longer open cannot be revived (the caller
// then drops it, visibly). Pure.
import { ToolError } from '../tools/text';
import { WorkspaceFolderInfo, WorkspaceLocation } from '../tools/workspacePort';
import { ChangeSet, FileChange } from './changeSet';

interface StoredLocation { folder: string; path: string }
type StoredFile = Omit<FileChange, 'location' | 'newLocation'> & { location: StoredLocation; newLocation?: StoredLocation };

export interface PendingData {
  version: 1;
  chatId: string;
  turnId: string;
  savedAt: number;
  files: StoredFile[];
}

const store = (location: WorkspaceLocation): StoredLocation => ({ folder: location.folder.uri, path: location.path });

export function toPendingData(chatId: string, turnId: string, set: ChangeSet, now: number): PendingData {
  return {
    version: 1, chatId, turnId, savedAt: now,
    files: set.files.map(({ location, newLocation, ...rest }) => ({ ...rest, location: store(location), ...(newLocation ? { newLocation: store(newLocation) } : {}) })),
  };
}

/** The set again, or a ToolError saying why it cannot come back (a folder was closed, bad data). */
export function fromPendingData(data: PendingData, folders: readonly WorkspaceFolderInfo[]): ChangeSet {
  if (data?.version !== 1 || !Array.isArray(data.files)) throw new ToolError('the saved proposals are unreadable');
  const resolve = (stored: StoredLocation): WorkspaceLocation => {
    const folder = folders.find((f) => f.uri === stored.folder);
    if (!folder) throw new ToolError(`the folder ${stored.folder} is no longer open`);
    return { folder, path: stored.path };
  };
  const set = new ChangeSet();
  for (const { location, newLocation, ...rest } of data.files) {
    set.files.push({ ...rest, location: resolve(location), ...(newLocation ? { newLocation: resolve(newLocation) } : {}) });
  }
  set.renumber();
  return set;
}
