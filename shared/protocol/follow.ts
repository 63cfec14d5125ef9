/** Follow mode (tail -f): the host decides and tells the view, so the command, the status bar and the view agree. */
import { isRecord, notification } from '../rpc';

type Following = { following: boolean };
const isFollowing = (p: unknown): p is Following => isRecord(p) && typeof p.following === 'boolean';

/** host → webview: pin the view to the end of the file as it grows (or stop). */
export const SetFollow = notification<Following>('follow/set', isFollowing);

/** webview → host: the user scrolled away from the end, which leaves follow mode. */
export const FollowChanged = notification<Following>('follow/changed', isFollowing);
