// The video half of a call: camera on/off (re-INVITE), camera pause (no renegotiation), screen
// sharing on audio and video calls, and noticing when the far end drops its video. The call
// controller owns the SIP session and the snapshots; this asks it for both through `VideoHost`.

import type { CallSession } from '../../shared/call-session';
import type { PhoneEventMap, SnapshotEvent } from './phone-events';
import { reinviteError } from './reinvite-errors';
import { openCamera, preferSharpness, sendVideoTrack, unsendVideoTrack } from './local-video';
import { remoteSendsVideo } from './media-directions';
import { cameraError, screenShareError } from './media-errors';
import { SoftphoneSessionDescriptionHandler } from './softphone-sdh';
import type { TypedEmitter } from './typed-emitter';

export interface VideoHost {
  snapshot(): CallSession;
  /** The call's WebRTC handler once the call is established, else undefined. */
  sdh(): SoftphoneSessionDescriptionHandler | undefined;
  remoteStream(): MediaStream | undefined;
  change<E extends keyof PhoneEventMap>(change: (next: CallSession) => void, event?: SnapshotEvent<E>): void;
  emit: TypedEmitter<PhoneEventMap>['emit'];
  /** Re-INVITE with glare retry; `rollback` runs when it fails. */
  reinvite(prepare: () => void, rollback: () => void): Promise<void>;
}

export class CallVideo {
  /** The screen track while sharing, and the camera track it stands in for on a video call. */
  private screenTrack: MediaStreamTrack | null = null;
  private cameraDuringShare: MediaStreamTrack | null = null;
  /** The far end has sent video on this call at some point. */
  private remoteVideoSeen = false;

  constructor(private readonly host: VideoHost) {}

  /** The call ended: SIP.js stops the tracks it opened; the share and a parked camera are ours. */
  release(): void {
    this.screenTrack?.stop();
    this.cameraDuringShare?.stop();
  }

  /** Camera on (adds video to an audio call by re-INVITE) or off (video removed, far end told). */
  async setCamera(enabled: boolean): Promise<void> {
    const sdh = this.host.sdh();
    if (!sdh || this.host.snapshot().cameraEnabled === enabled) return;
    if (this.host.snapshot().screensharing) {
      // The share owns the video sender; the camera is what comes back when it stops.
      if (!enabled) this.cameraDuringShare?.stop();
      this.cameraDuringShare = enabled ? await this.tryOpenCamera() : null;
      if (enabled && !this.cameraDuringShare) return;
      this.host.change((s) => (enabled ? s.enableCamera() : s.disableCamera()), [enabled ? 'onCameraResumed' : 'onCameraDisabled']);
      return;
    }
    if (enabled) {
      const camera = await this.tryOpenCamera();
      if (!camera) return;
      const ok = await this.renegotiateVideo(sdh, camera);
      if (!ok) return;
      this.host.change((s) => {
        s.enableCamera();
        s.videoMuted = false;
      }, ['onCameraResumed']);
    } else {
      const ok = await this.renegotiateVideo(sdh, null);
      if (!ok) return;
      this.host.change((s) => {
        s.disableCamera();
        s.videoMuted = false;
      }, ['onCameraDisabled']);
    }
  }

  /**
   * Pause the camera without renegotiating: the sender goes quiet and the track is stopped so
   * the camera light goes off; unmuting opens the camera again.
   */
  async setVideoMuted(muted: boolean): Promise<void> {
    const sdh = this.host.sdh();
    if (!sdh || !this.host.snapshot().cameraEnabled || this.host.snapshot().videoMuted === muted) return;
    if (muted) {
      if (!this.host.snapshot().screensharing) (await unsendVideoTrack(sdh))?.stop();
    } else if (!this.host.snapshot().screensharing) {
      const camera = await this.tryOpenCamera();
      if (!camera) return;
      await sendVideoTrack(sdh, camera);
    }
    this.host.change((s) => (muted ? s.muteVideo() : s.unmuteVideo()));
  }

  async setScreenSharing(on: boolean): Promise<void> {
    const sdh = this.host.sdh();
    if (!sdh || this.host.snapshot().screensharing === on) return;
    if (on) {
      let screen: MediaStreamTrack | undefined;
      try {
        const display = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
        screen = display.getVideoTracks()[0];
      } catch (error) {
        this.host.emit('onActionFailed', this.host.snapshot(), screenShareError(error) ?? reinviteError('renegotiation-failed', error));
        return;
      }
      if (!screen) return;
      // The browser's or the OS's own "Stop sharing" ends the track: end the share cleanly.
      screen.addEventListener('ended', () => void this.setScreenSharing(false));
      const cameraLive = this.host.snapshot().cameraEnabled && !this.host.snapshot().videoMuted;
      if (this.host.snapshot().cameraEnabled) {
        // A video call: swap the camera for the screen on the same m-line, no renegotiation.
        this.cameraDuringShare = await sendVideoTrack(sdh, screen);
        if (!cameraLive) this.cameraDuringShare = null;
      } else if (!(await this.renegotiateVideo(sdh, screen))) {
        return;
      }
      this.screenTrack = screen;
      await preferSharpness(sdh, screen);
      this.host.change((s) => s.startScreenSharing(), ['onScreenShareStarted']);
      return;
    }
    const screen = this.screenTrack;
    this.screenTrack = null;
    if (this.host.snapshot().cameraEnabled) {
      const camera = this.cameraDuringShare;
      this.cameraDuringShare = null;
      if (camera && camera.readyState === 'live') await sendVideoTrack(sdh, camera);
      else await unsendVideoTrack(sdh);
    } else {
      // The share had added video to an audio call: take it away again. If the far end
      // refuses, nothing is sent anyway (the sender is empty), so the share still ends.
      await this.renegotiateVideo(sdh, null);
    }
    screen?.stop();
    this.host.change((s) => s.stopScreenSharing(), ['onScreenShareEnded']);
  }

  /**
   * Start (track) or stop (null) sending video, with the re-INVITE that tells the far end.
   * On failure everything is put back and the user is told; the call goes on.
   */
  private async renegotiateVideo(sdh: SoftphoneSessionDescriptionHandler, track: MediaStreamTrack | null): Promise<boolean> {
    const wasSending = sdh.sendVideo;
    const previous = track ? await sendVideoTrack(sdh, track) : await unsendVideoTrack(sdh);
    try {
      await this.host.reinvite(() => {
        sdh.sendVideo = track !== null;
      }, () => {
        sdh.sendVideo = wasSending;
      });
    } catch (error) {
      if (previous) await sendVideoTrack(sdh, previous);
      else await unsendVideoTrack(sdh);
      track?.stop();
      this.host.emit('onActionFailed', this.host.snapshot(), reinviteError('renegotiation-failed', error));
      return false;
    }
    if (!track) previous?.stop();
    return true;
  }

  private async tryOpenCamera(): Promise<MediaStreamTrack | null> {
    try {
      return await openCamera();
    } catch (error) {
      this.host.emit('onActionFailed', this.host.snapshot(), cameraError(error) ?? {
        code: 'camera-missing',
        message: 'The camera could not be opened; the call goes on with audio.',
      });
      return null;
    }
  }

  /** Called by SIP.js as soon as the call's WebRTC handler exists. */
  attach(sdh: unknown): void {
    if (!(sdh instanceof SoftphoneSessionDescriptionHandler)) return;
    sdh.onRemoteDescription = (sdp) => this.onRemoteDescription(sdp);
    sdh.onMediaWarning = (error) => {
      this.host.emit('onActionFailed', this.host.snapshot(), error);
      if (this.host.snapshot().cameraEnabled) this.host.change((s) => s.disableCamera());
    };
  }

  /** The far end's video came or went: tell the UI, and flag a downgrade on the snapshot. */
  private onRemoteDescription(sdp: string): void {
    const sends = remoteSendsVideo(sdp);
    if (sends) this.remoteVideoSeen = true;
    const downgraded = !sends && this.remoteVideoSeen;
    if (downgraded !== (this.host.snapshot().videoRemotelyDowngraded ?? false)) {
      this.host.change((s) => s.setVideoRemotelyDowngraded(downgraded));
    }
    const stream = this.host.remoteStream();
    if (stream) queueMicrotask(() => this.host.emit('onRemoteMedia', this.host.snapshot(), stream));
  }
}
