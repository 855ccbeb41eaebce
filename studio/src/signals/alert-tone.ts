/**
 * A short two-note chime made with the Web Audio API (no sound file to ship or fetch). Browsers let a page
 * play sound only after the person interacted with it, so `unlockAudio` creates the context on the first
 * click or key press; before that, a chime is silently skipped.
 */
let context: AudioContext | null = null;

function unlock(): void {
  if (typeof AudioContext === 'undefined') return;
  context ??= new AudioContext();
  void context.resume();
}

/** Listens once for the gesture that lets the page play sound. */
export function unlockAudioOnGesture(): void {
  document.addEventListener('pointerdown', unlock, { once: true, capture: true });
  document.addEventListener('keydown', unlock, { once: true, capture: true });
}

export function playAlertTone(): void {
  if (!context || context.state !== 'running') return;
  const start = context.currentTime;
  const gain = context.createGain();
  gain.connect(context.destination);
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(0.2, start + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.45);
  for (const [frequency, offset] of [
    [880, 0],
    [1320, 0.12],
  ] as const) {
    const oscillator = context.createOscillator();
    oscillator.type = 'sine';
    oscillator.frequency.setValueAtTime(frequency, start + offset);
    oscillator.connect(gain);
    oscillator.start(start + offset);
    oscillator.stop(start + 0.45);
  }
}
