import type { CopyFormat } from '../../shared/protocol/editor';
import type { PageReply } from './PageCache';

/** What the viewer needs from the extension host. */
export interface ViewerHost {
  readPage(offset: number, length: number): Promise<PageReply>;
  copyRange(start: number, end: number, format: CopyFormat): Promise<{ bytes: number }>;
  showMessage(level: 'info' | 'warning' | 'error', text: string): void;
  lineAt(offset: number): Promise<{ line: number | null }>;
  /** Asks the host to leave follow mode (the user scrolled away from the end); the host answers with setFollowing. */
  followChanged(following: boolean): void;
}
