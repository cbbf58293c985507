// A short double beep when the phone answers by itself: the user must know the microphone is
// now open even though they did not click anything. Generated, so no asset and no CSP change.

let context: AudioContext | null = null;

export function playAutoAnswerTone(): void {
  try {
    context ??= new AudioContext();
    const start = context.currentTime + 0.01;
    for (const offset of [0, 0.18]) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.frequency.value = 880;
      gain.gain.setValueAtTime(0.15, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.001, start + offset + 0.12);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(start + offset);
      oscillator.stop(start + offset + 0.12);
    }
  } catch {
    // No audio output (or autoplay refused): the call is answered all the same.
  }
}
