import { Marker, setMarker } from './testMarkers';

/**
 * Follow mode (tail -f) as the view sees it. The host owns it: the view
 * shows what the host says, snaps to the end while it is on, and asks the
 * host to leave it once the user moves the end off screen.
 */
export class FollowMode {
  private following = false;
  /** Asked the host to leave follow mode; until it answers, the view no longer snaps to the end. */
  private leaving = false;

  constructor(private readonly askToLeave: () => void) {
    setMarker(Marker.following, '0');
  }

  /** What the host says (the command, the title bar, the status bar). */
  set(following: boolean): void {
    this.following = following;
    this.leaving = false;
    setMarker(Marker.following, following ? '1' : '0');
  }

  /** True while the view should keep the last rows on screen. */
  get snaps(): boolean {
    return this.following && !this.leaving;
  }

  /** After a paint that followed the user's own move: leave when the end is no longer shown. */
  userMoved(shownEnd: number, size: number): void {
    if (this.snaps && shownEnd < size) {
      this.leaving = true;
      this.askToLeave();
    }
  }
}
