import { useEffect, useState } from 'react';
import { isRecentlyActive } from './recent-activity';

const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'scroll'] as const;

/**
 * True while the user has used the page within `windowMs` (or just came back to the tab); false
 * once they have left it alone that long. Checked every quarter window (at most every 15 s).
 */
export function useRecentlyActive(windowMs: number): boolean {
  const [active, setActive] = useState(true);
  useEffect(() => {
    let lastActivityAt = Date.now();
    const mark = () => {
      lastActivityAt = Date.now();
      setActive(true);
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible') mark();
    };
    const options = { capture: true, passive: true };
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, mark, options);
    document.addEventListener('visibilitychange', onVisibility);
    const timer = window.setInterval(
      () => setActive(isRecentlyActive(lastActivityAt, Date.now(), windowMs)),
      Math.min(windowMs / 4, 15_000),
    );
    return () => {
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, mark, options);
      document.removeEventListener('visibilitychange', onVisibility);
      window.clearInterval(timer);
    };
  }, [windowMs]);
  return active;
}
