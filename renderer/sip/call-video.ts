// The video half of a call: camera on/off (re-INVITE), camera pause (no renegotiation), screen
// sharing on audio and video calls, and noticing when the far end drops its video. The call
// controller owns the SIP session and the snapshots; this asks it for both through `VideoHost`.

import type { CallSession } from '../../shared/call-session';
import type { PhoneEventMap, SnapshotEvent } from './phone-events';
import { reinviteError } from './reinvite-errors';
import { cameraSlot, switchCamera, type OpenedCamera } from './camera-switch';
import { openCamera, preferSharpness, sendVideoTrack, unsendVideoTrack, videoTransceiver } from './local-video';
import { remoteSendsVideo, videoNegotiated } from './media-directions';
import { cameraError, isScreenShareCancel, screenShareError } from './media-errors';
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
  /** Queue the end of the share behind whatever change of this call is running. */
  stopScreenSharing(): Promise<void>;
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

  /** Whether the offer/answer kept a video stream (an m=video with a port) on this call. */
  negotiated(): boolean {
    const sdp = this.host.sdh()?.peerConnection?.remoteDescription?.sdp;
    return sdp !== undefined && videoNegotiated(sdp);
  }

  /**
   * A video call answered audio-only (or answered "with video" to an audio offer): the camera
   * was opened for nothing and nobody sees it. Close it, so its light goes off.
   */
  dropUnnegotiatedCamera(): void {
    const local = this.host.sdh()?.localMediaStream;
    for (const track of local?.getVideoTracks() ?? []) {
      track.stop();
      local?.removeTrack(track);
    }
  }

  /** Camera on (adds video to an audio call by re-INVITE) or off (video removed, far end told). */
  async setCamera(enabled: boolean): Promise<void> {
    const sdh = this.host.sdh();
    const call = this.host.snapshot();
    if (!sdh || call.cameraEnabled === enabled) return;
    if (call.screensharing) {
      // The share owns the video sender; the camera is what comes back when it stops.
      this.parkCamera(enabled ? await this.openCameraForCall() : null);
      if (enabled && !this.cameraDuringShare) return;
      this.host.change((s) => {
        if (enabled) s.enableCamera();
        else s.disableCamera();
        s.videoMuted = false;
      }, [enabled ? 'onCameraResumed' : 'onCameraDisabled']);
      return;
    }
    const camera = enabled ? await this.openCameraForCall() : null;
    if (enabled && !camera) return;
    if (!(await this.renegotiateVideo(sdh, camera))) return;
    this.host.change((s) => {
      if (enabled) s.enableCamera();
      else s.disableCamera();
      s.videoMuted = false;
    }, [enabled ? 'onCameraResumed' : 'onCameraDisabled']);
  }

  /**
   * Pause the camera without renegotiating: the sender goes quiet and the track is stopped so
   * the camera light goes off; unmuting opens the camera again. During a share the paused or
   * resumed camera is the one that comes back when the share stops.
   */
  async setVideoMuted(muted: boolean): Promise<void> {
    const sdh = this.host.sdh();
    const call = this.host.snapshot();
    if (!sdh || !call.cameraEnabled || call.videoMuted === muted) return;
    if (call.screensharing) {
      this.parkCamera(muted ? null : await this.openCameraForCall());
      if (!muted && !this.cameraDuringShare) return;
    } else if (muted) {
      (await unsendVideoTrack(sdh))?.stop();
    } else {
      const camera = await this.openCameraForCall();
      if (!camera) return;
      (await sendVideoTrack(sdh, camera))?.stop();
    }
    this.host.change((s) => (muted ? s.muteVideo() : s.unmuteVideo()));
  }

  /**
   * Another camera was chosen: a call showing its camera switches to it without renegotiation
   * (camera-switch.ts). During a share the parked camera is the one replaced, the share stays
   * on the sender; a paused camera opens the new choice when it resumes. Null when nothing was
   * opened; failures to open are reported and the call keeps its camera.
   */
  async switchCamera(video: MediaTrackConstraints | true): Promise<OpenedCamera | null> {
    const sdh = this.host.sdh();
    const connection = sdh?.peerConnection;
    if (!sdh || !connection) return null;
    const slot = cameraSlot(this.host.snapshot(), this.cameraDuringShare !== null);
    if (slot === 'none') return null;
    try {
      return await switchCamera({
        current: slot === 'parked' ? this.cameraDuringShare : (videoTransceiver(connection)?.sender.track ?? null),
        video,
        stillLive: () => this.host.sdh() === sdh,
        place: async (camera) => {
          if (slot === 'sender') return sendVideoTrack(sdh, camera);
          const parked = this.cameraDuringShare;
          this.cameraDuringShare = camera;
          return parked;
        },
      });
    } catch (error) {
      this.host.emit('onActionFailed', this.host.snapshot(), cameraError(error) ?? {
        code: 'camera-missing',
        message: 'The chosen camera could not be opened; the call keeps the camera it had.',
      });
      return null;
    }
  }

  async setScreenSharing(on: boolean): Promise<void> {
    const sdh = this.host.sdh();
    if (!sdh || this.host.snapshot().screensharing === on) return;
    if (on) {
      const screen = await this.openScreen();
      if (!screen) return;
      const call = this.host.snapshot();
      if (call.cameraEnabled) {
        // A video call: swap the camera for the screen on the same m-line, no renegotiation.
        const camera = await sendVideoTrack(sdh, screen);
        this.parkCamera(call.videoMuted ? null : camera);
      } else if (!(await this.renegotiateVideo(sdh, screen))) {
        return;
      }
      this.screenTrack = screen;
      // The browser's or the OS's own "Stop sharing" ends the track: end the share cleanly.
      screen.addEventListener('ended', () => void this.host.stopScreenSharing());
      await preferSharpness(sdh, screen);
      this.host.change((s) => s.startScreenSharing(), ['onScreenShareStarted']);
      return;
    }
    const screen = this.screenTrack;
    this.screenTrack = null;
    try {
      const call = this.host.snapshot();
      if (call.cameraEnabled) {
        const camera = this.cameraDuringShare;
        this.cameraDuringShare = null;
        if (camera && camera.readyState === 'live' && !call.videoMuted) await sendVideoTrack(sdh, camera);
        else {
          camera?.stop();
          await unsendVideoTrack(sdh);
        }
      } else {
        // The share had added video to an audio call: take it away again. If the far end
        // refuses, nothing is sent anyway (the sender is empty), so the share still ends.
        await this.renegotiateVideo(sdh, null);
      }
    } finally {
      screen?.stop();
      this.host.change((s) => s.stopScreenSharing(), ['onScreenShareEnded']);
    }
  }

  /** The camera that a share stands in for: replacing it stops the previous one. */
  private parkCamera(camera: MediaStreamTrack | null): void {
    if (this.cameraDuringShare !== camera) this.cameraDuringShare?.stop();
    this.cameraDuringShare = camera;
  }

  /**
   * Start (track) or stop (null) sending video, with the re-INVITE that tells the far end.
   * On failure everything is put back and the user is told; the call goes on.
   */
  private async renegotiateVideo(sdh: SoftphoneSessionDescriptionHandler, track: MediaStreamTrack | null): Promise<boolean> {
    const wasSending = sdh.sendVideo;
    let previous: MediaStreamTrack | null = null;
    try {
      previous = track ? await sendVideoTrack(sdh, track) : await unsendVideoTrack(sdh);
      await this.host.reinvite(() => {
        sdh.sendVideo = track !== null;
      }, () => {
        sdh.sendVideo = wasSending;
      });
    } catch (error) {
      try {
        if (previous) await sendVideoTrack(sdh, previous);
        else await unsendVideoTrack(sdh);
      } catch {
        // The call is gone: nothing to put back.
      } finally {
        track?.stop();
      }
      this.host.emit('onActionFailed', this.host.snapshot(), reinviteError('renegotiation-failed', error));
      return false;
    }
    if (!track) previous?.stop();
    return true;
  }

  /** A camera track, or null (reported). Also null, with the camera closed again, if the call ended meanwhile. */
  private async openCameraForCall(): Promise<MediaStreamTrack | null> {
    const camera = await this.tryOpenCamera();
    return this.stillInCall(camera);
  }

  /** The screen or window the user picks, or null (cancelled, refused, or the call ended meanwhile). */
  private async openScreen(): Promise<MediaStreamTrack | null> {
    try {
      const display = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
      return this.stillInCall(display.getVideoTracks()[0] ?? null);
    } catch (error) {
      // The user chose nothing to share: nothing failed.
      if (isScreenShareCancel(error)) return null;
      this.host.emit('onActionFailed', this.host.snapshot(), screenShareError(error) ?? reinviteError('renegotiation-failed', error));
      return null;
    }
  }

  /** Pickers and permission prompts take time: a track that arrives after hang-up is closed at once. */
  private stillInCall(track: MediaStreamTrack | null): MediaStreamTrack | null {
    if (track && !this.host.sdh()) {
      track.stop();
      return null;
    }
    return track;
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
