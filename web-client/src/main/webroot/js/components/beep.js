// A short beep made with WebAudio (no sound files), and a mute switch kept in localStorage.
// Browsers start audio only after a user gesture on the page: unlock() is called on the first pointer or
// key press, and by the mute toggle.

const STORAGE_KEY = 'roundtable.muted';
let audio = null;

function context() {
  if (audio) return audio;
  const Ctor = globalThis.AudioContext || globalThis.webkitAudioContext;
  if (!Ctor) return null;
  try {
    audio = new Ctor();
  } catch {
    audio = null;
  }
  return audio;
}

/** Whether sound is muted (remembered across pages). */
export function isMuted() {
  try {
    return globalThis.localStorage.getItem(STORAGE_KEY) === '1';
  } catch {
    return false;
  }
}

/** Mutes or unmutes. */
export function setMuted(muted) {
  try {
    globalThis.localStorage.setItem(STORAGE_KEY, muted ? '1' : '0');
  } catch {
    // kept for this page only
  }
}

/** Resumes the audio context; call from a user gesture. */
export function unlock() {
  const ctx = context();
  if (ctx && ctx.state === 'suspended') ctx.resume().catch(() => {});
}

/** Whether the browser lets this page play sound right now. */
export function canPlay() {
  const ctx = context();
  return Boolean(ctx && ctx.state === 'running');
}

/**
 * Plays two short tones (about 0.6 s) unless muted. Returns whether it played.
 * @returns {boolean}
 */
export function beep() {
  if (isMuted()) return false;
  const ctx = context();
  if (!ctx) return false;
  if (ctx.state === 'suspended') ctx.resume().catch(() => {});
  try {
    const start = ctx.currentTime + 0.02;
    for (const [offset, frequency] of [[0, 880], [0.3, 660]]) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.4, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.25);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start + offset);
      osc.stop(start + offset + 0.3);
    }
    return true;
  } catch {
    return false;
  }
}

/** Calls unlock() on the first gesture anywhere on the page. */
export function unlockOnFirstGesture() {
  const once = () => {
    unlock();
    globalThis.removeEventListener('pointerdown', once, true);
    globalThis.removeEventListener('keydown', once, true);
  };
  globalThis.addEventListener('pointerdown', once, true);
  globalThis.addEventListener('keydown', once, true);
}
