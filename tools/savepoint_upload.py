"""Uploads a video file to Savepoint GameClips end to end (the code behind tools/savepoint-upload).

The flow (docs/gameclips.md, "Uploading a clip from the command line"):
  1. POST {metadata}/users/me/scids/{scid}/clips with an InitialUploadRequest and an Idempotency-Key derived from
     the file, so that running the command again answers the same clip instead of reserving quota twice;
  2. GET {uploadUri}?status to learn which blocks transfer-service already holds (resume after an interruption);
  3. PUT {uploadUri}?blockNum=N for every missing 2 MiB block, several at once, each with Content-MD5;
     every block answers 202 except the one that completes the set (201);
  4. optionally poll GET {metadata}/users/xuid({xuid})/scids/{scid}/clips/{id} until Published or Error.

Python 3.11 standard library only. bench/clip-upload imports this module to send its blocks with the same code.
"""

from __future__ import annotations

import argparse
import base64
import concurrent.futures
import contextlib
import dataclasses
import datetime
import hashlib
import http.client
import json
import math
import os
import random
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse

BLOCK_SIZE = 2 * 1024 * 1024          # the spec's block limit (A.2): 2 MiB
MAX_FILE_SIZE = 0xFFFF_FFFF           # InitialUploadRequest.fileSize is a uint32 (C.1)
CONTRACT_VERSION = "1"
SEND_CHUNK = 256 * 1024               # bytes handed to the socket at a time, so the progress bar moves smoothly
RETRYABLE_STATUS = frozenset({408, 429, 500, 502, 503, 504})
FINAL_CLIP_STATES = frozenset({"Published", "Error"})
PROG = "savepoint-upload"


class UploadError(Exception):
    """A failure the user can act on: the message says what happened, the hint what to do."""

    def __init__(self, message: str, hint: str | None = None, exit_code: int = 1):
        super().__init__(message)
        self.hint = hint
        self.exit_code = exit_code


class Cancelled(Exception):
    """Raised in block workers once another block failed for good or the user pressed Ctrl-C."""


# ---------------------------------------------------------------------------------------------------- pure parts

@dataclasses.dataclass(frozen=True)
class Block:
    index: int
    offset: int
    length: int


def expected_blocks(file_size: int, block_size: int = BLOCK_SIZE) -> int:
    """How many blocks of at most block_size bytes a file of file_size bytes is split into (at least one)."""
    if file_size <= 0:
        raise ValueError(f"file size must be positive, got {file_size}")
    if block_size <= 0:
        raise ValueError(f"block size must be positive, got {block_size}")
    return max(1, math.ceil(file_size / block_size))


def split_blocks(file_size: int, block_size: int = BLOCK_SIZE) -> list[Block]:
    """The file's blocks in order: every one block_size bytes long except possibly the last."""
    count = expected_blocks(file_size, block_size)
    return [Block(i, i * block_size, min(block_size, file_size - i * block_size)) for i in range(count)]


def content_md5(data: bytes | memoryview) -> str:
    """The RFC 1864 Content-MD5 value of data: base64 of the 16-byte MD5 digest."""
    return base64.b64encode(hashlib.md5(data).digest()).decode("ascii")


def resume_plan(file_size: int, block_count: int, status: dict) -> list[int]:
    """The blocks still to send, from transfer-service's GET {uploadUri}?status answer.

    Refuses a status that describes another file (size or block count differ): sending our blocks into it would
    corrupt the clip or be refused block by block."""
    remote_size = status.get("fileSize")
    remote_blocks = status.get("expectedBlocks")
    if remote_size is not None and remote_size != file_size:
        raise UploadError(
            f"the clip on the server expects {remote_size} bytes but the file has {file_size}; "
            "the file changed since the upload started",
            f"run again with --restart to upload it as a new clip")
    if remote_blocks is not None and remote_blocks != block_count:
        raise UploadError(
            f"the clip on the server expects {remote_blocks} blocks but the file splits into {block_count}",
            "run again with --restart to upload it as a new clip")
    if "missingBlocks" in status and status["missingBlocks"] is not None:
        missing = status["missingBlocks"]
    elif "receivedBlocks" in status and status["receivedBlocks"] is not None:
        received = set(status["receivedBlocks"])
        missing = [i for i in range(block_count) if i not in received]
    else:
        missing = list(range(block_count))
    bad = [i for i in missing if not isinstance(i, int) or i < 0 or i >= block_count]
    if bad:
        raise UploadError(f"the server's status names blocks outside 0..{block_count - 1}: {bad[:5]}")
    return sorted(set(missing))


def idempotency_key(file_sha256_hex: str, scid: str, restart_nonce: str | None = None) -> str:
    """The Idempotency-Key of a clip: the same file for the same SCID gives the same key (so a re-run answers the
    same clip), unless the upload was started again with --restart (a fresh nonce)."""
    material = f"{file_sha256_hex}\n{scid.lower()}\n{restart_nonce or ''}".encode()
    return "spu1-" + hashlib.sha256(material).hexdigest()[:48]


def authorization_header(token: str) -> str:
    """The Authorization value for a token given as 'XBL3.0 x=..;jwt', 'Bearer jwt' or a bare JWT."""
    token = token.strip()
    if not token:
        raise UploadError("the token is empty", "pass --token or set SAVEPOINT_TOKEN (dev: deploy/local/token)", 2)
    if token.startswith("XBL3.0 ") or token.startswith("Bearer "):
        return token
    return f"XBL3.0 x=-;{token}"


def jwt_claims(authorization: str) -> dict:
    """The claims of the JWT inside an Authorization value, without verifying it (the server does); {} if none."""
    jwt = authorization.split(";", 1)[1] if authorization.startswith("XBL3.0 ") else authorization.split(" ", 1)[-1]
    parts = jwt.strip().split(".")
    if len(parts) != 3:
        return {}
    try:
        payload = parts[1] + "=" * (-len(parts[1]) % 4)
        claims = json.loads(base64.urlsafe_b64decode(payload))
        return claims if isinstance(claims, dict) else {}
    except (ValueError, UnicodeDecodeError):
        return {}


def block_url(upload_uri: str, block_index: int) -> str:
    separator = "&" if urllib.parse.urlsplit(upload_uri).query else "?"
    return f"{upload_uri}{separator}blockNum={block_index}"


def status_url(upload_uri: str) -> str:
    separator = "&" if urllib.parse.urlsplit(upload_uri).query else "?"
    return f"{upload_uri}{separator}status"


def backoff_delay(attempt: int, retry_after: str | None = None, cap: float = 30.0) -> float:
    """Seconds to wait before retry number attempt (1, 2, ...): the server's Retry-After when it gave one in
    seconds, else 0.5 s doubling per attempt up to cap, with +-20 % jitter so parallel streams do not retry in step."""
    if retry_after is not None:
        try:
            return min(cap, max(0.0, float(retry_after)))
        except ValueError:
            pass  # an HTTP-date: fall back to our own back-off
    base = min(cap, 0.5 * 2 ** (attempt - 1))
    return base * random.uniform(0.8, 1.2)


def format_duration(seconds: float) -> str:
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def format_progress(done: int, total: int, elapsed: float, sent_this_run: int, bar_width: int = 30) -> str:
    """One progress line: bar, MiB done / total, percent, MiB/s (bytes sent by this run / elapsed) and ETA."""
    fraction = done / total if total else 1.0
    filled = min(bar_width, int(fraction * bar_width))
    rate = sent_this_run / elapsed if elapsed > 0 else 0.0
    eta = format_duration((total - done) / rate) if rate > 0 else "--:--"
    return (f"[{'#' * filled}{'.' * (bar_width - filled)}] {done / 2**20:7.1f}/{total / 2**20:.1f} MiB "
            f"{fraction * 100:5.1f}% {rate / 2**20:6.1f} MiB/s ETA {eta}")


def initial_upload_request(file_size: int, duration_seconds: int, date_recorded: str, clip_type: str,
                           visibility: str, caption: str | None = None, clip_name_id: str | None = None) -> dict:
    body = {
        "fileSize": file_size,
        "expectedBlocks": expected_blocks(file_size),
        "durationInSeconds": duration_seconds,
        "dateRecorded": date_recorded,
        "type": clip_type,
        "source": "Console",
        "visibility": visibility,
        "thumbnailSource": "Default",
    }
    if caption:
        body["userCaption"] = caption
    if clip_name_id:
        body["greatestMomentId"] = clip_name_id
    return body


def error_message(body: bytes) -> str:
    """The errorMessage of a ServiceErrorResponse body, else the start of the body as text."""
    text = body.decode("utf-8", "replace").strip()
    try:
        parsed = json.loads(text)
        if isinstance(parsed, dict) and parsed.get("errorMessage"):
            return str(parsed["errorMessage"])
    except ValueError:
        pass
    return text[:300] or "(no body)"


def explain(step: str, status: int, body: bytes) -> UploadError:
    """A failed answer turned into what happened and what to do about it."""
    message = error_message(body)
    lowered = message.lower()
    what = f"{step} answered {status}: {message}"
    if status == 401:
        return UploadError(what, "the token is missing, expired or not signed by a key the services trust; mint a "
                                 "fresh one (dev: SAVEPOINT_TOKEN=$(deploy/local/token)) and run again")
    if status == 403:
        if "device type" in lowered:
            hint = ("the token's deviceType claim must be a console type the server allows (its "
                    "SAVEPOINT_METADATA_CLIPS_UPLOAD_DEVICE_TYPES); dev: deploy/local/token --device-type XboxOne")
        elif "claim" in lowered:
            hint = ("the token lacks a claim uploads need: xuid, titleId, sandboxId, deviceType and deviceId are all "
                    "required (deploy/local/token sends all five)")
        elif "scid" in lowered or "sandbox" in lowered or "title" in lowered:
            hint = "--scid must be a SCID of the token's titleId, and the title must run in the token's sandboxId"
        else:
            hint = "the token's xuid must own the clip: upload with the same user that started it, or use --restart"
        return UploadError(what, hint)
    if status == 400 and "quota" in lowered:
        return UploadError(what, "the user is over the title's clip quota: delete clips, or ask the operator to raise "
                                 "the title's clipQuotaBytes")
    if status == 400 and "md5" in lowered:
        return UploadError(what, "a block was corrupted on the way, repeatedly; check the network and run again")
    if status == 404:
        return UploadError(what, "the clip is unknown (it expired and was removed, or the URL is wrong); "
                                 "run again with --restart to start a new upload")
    if status == 409 and "idempotency-key" in lowered:
        return UploadError(what, "this file was already started with other options; run with the same options "
                                 "as before, or with --restart to upload it as a new clip")
    if status == 409:
        return UploadError(what, "the clip no longer accepts blocks (already complete or failed); "
                                 "check it with --wait, or upload again with --restart")
    if status == 410:
        return UploadError(what, "the upload expired before it completed; run again with --restart to start again")
    if status == 413:
        return UploadError(what, "the server refuses bodies this large; check SAVEPOINT_TRANSFER_MAX_BODY")
    if status in RETRYABLE_STATUS:
        return UploadError(what, "the service stayed unavailable through every retry; run the same command again "
                                 "later: it resumes where it stopped")
    return UploadError(what)


# ---------------------------------------------------------------------------------------------------- HTTP

class HttpClient:
    """Keep-alive HTTP/1.1 connections, one per thread and origin, with retries and back-off."""

    def __init__(self, timeout: float = 60.0, retries: int = 6, log=None):
        self.timeout = timeout
        self.retries = retries
        self.log = log or (lambda message: None)
        self._local = threading.local()
        self._opened: list[http.client.HTTPConnection] = []   # every thread's, so that close() can close them all
        self._opened_lock = threading.Lock()
        self.retried = 0                                      # requests sent again, for reports

    def _connection(self, url: urllib.parse.SplitResult) -> http.client.HTTPConnection:
        connections = self._local.__dict__.setdefault("connections", {})
        key = (url.scheme, url.netloc)
        connection = connections.get(key)
        if connection is None:
            if url.scheme == "https":
                connection = http.client.HTTPSConnection(url.netloc, timeout=self.timeout)
            elif url.scheme == "http":
                connection = http.client.HTTPConnection(url.netloc, timeout=self.timeout)
            else:
                raise UploadError(f"unsupported URL scheme in {urllib.parse.urlunsplit(url)}", exit_code=2)
            connections[key] = connection
            with self._opened_lock:
                self._opened.append(connection)
        return connection

    def _drop(self, url: urllib.parse.SplitResult) -> None:
        connection = self._local.__dict__.get("connections", {}).pop((url.scheme, url.netloc), None)
        if connection is not None:
            connection.close()
            with self._opened_lock:
                if connection in self._opened:
                    self._opened.remove(connection)

    def close(self) -> None:
        """Closes the connections of every thread; call it when no request is running."""
        with self._opened_lock:
            for connection in self._opened:
                connection.close()
            self._opened.clear()

    def abort(self) -> None:
        """Breaks off the requests in flight in other threads (their blocked reads and writes fail at once)."""
        with self._opened_lock:
            for connection in self._opened:
                if connection.sock is not None:
                    try:
                        connection.sock.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass  # already closed

    def request_once(self, method: str, url: str, headers: dict, body: bytes | memoryview | None = None,
                     on_sent=None, cancel: threading.Event | None = None) -> tuple[int, dict, bytes]:
        """One request; the body goes out in SEND_CHUNK pieces, on_sent(n) after each. Raises OSError and
        http.client.HTTPException on connection trouble (the connection is then dropped)."""
        parts = urllib.parse.urlsplit(url)
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        connection = self._connection(parts)
        sent = 0
        try:
            connection.putrequest(method, target, skip_accept_encoding=True)
            for name, value in headers.items():
                connection.putheader(name, value)
            connection.putheader("Content-Length", str(len(body) if body is not None else 0))
            connection.endheaders()
            if body is not None:
                view = memoryview(body)
                try:
                    for start in range(0, len(view), SEND_CHUNK):
                        if cancel is not None and cancel.is_set():
                            raise Cancelled()
                        piece = view[start:start + SEND_CHUNK]
                        connection.send(piece)
                        sent += len(piece)
                        if on_sent:
                            on_sent(len(piece))
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the server may have answered early (e.g. 400 before reading the body): read that answer
            response = connection.getresponse()
            payload = response.read()
            if response.will_close:
                self._drop(parts)
            return response.status, {k.lower(): v for k, v in response.getheaders()}, payload
        except BaseException:
            self._drop(parts)
            if on_sent and sent:
                on_sent(-sent)  # these bytes will be sent again
            raise

    def request(self, method: str, url: str, headers: dict, body: bytes | memoryview | None = None, step: str = "",
                on_sent=None, cancel: threading.Event | None = None) -> tuple[int, dict, bytes]:
        """request_once, retried with back-off on timeouts, connection errors and 408/429/5xx answers. Returns the
        last answer (the caller decides what a non-retryable status means)."""
        attempt = 0
        while True:
            attempt += 1
            counted = 0

            def count(n: int) -> None:
                nonlocal counted
                counted += n
                on_sent(n)

            try:
                status, headers_in, payload = self.request_once(method, url, headers, body,
                                                                count if on_sent else None, cancel)
                if status not in RETRYABLE_STATUS or attempt > self.retries:
                    return status, headers_in, payload
                if on_sent and counted:
                    on_sent(-counted)  # the server did not keep them: they go out again
                delay = backoff_delay(attempt, headers_in.get("retry-after"))
                problem = f"{status} {error_message(payload)}"
            except (OSError, http.client.HTTPException) as e:
                if cancel is not None and cancel.is_set():
                    raise Cancelled() from e  # broken off by abort(): not a failure to retry or report
                if attempt > self.retries:
                    raise UploadError(f"{step or method + ' ' + url} failed after {attempt} attempts: {e}",
                                      "check that the service is reachable (--metadata-url, network), then run the "
                                      "same command again: it resumes where it stopped") from e
                delay = backoff_delay(attempt)
                problem = str(e) or type(e).__name__
            self.log(f"{step or method}: {problem}; retry {attempt}/{self.retries} in {delay:.1f} s")
            with self._opened_lock:
                self.retried += 1
            if cancel is not None and cancel.wait(delay):
                raise Cancelled()
            if cancel is None:
                time.sleep(delay)


# ---------------------------------------------------------------------------------------------------- progress

class Progress:
    """Bytes acknowledged or in flight, drawn on stderr: a redrawn bar on a terminal, a plain line every few
    seconds otherwise (logs, CI)."""

    def __init__(self, total: int, already: int, stream=sys.stderr, interval: float | None = None):
        self.total = total
        self.done = already
        self.sent = 0
        self.stream = stream
        self.tty = stream.isatty()
        self.interval = interval if interval is not None else (0.2 if self.tty else 5.0)
        self.started = time.monotonic()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="progress", daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self._draw(final=True)

    def add(self, count: int) -> None:
        with self._lock:
            self.done += count
            self.sent += count

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._draw(final=False)

    def _draw(self, final: bool) -> None:
        with self._lock:
            line = format_progress(self.done, self.total, time.monotonic() - self.started, self.sent)
        if self.tty:
            self.stream.write("\r" + line + ("\n" if final else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


# ---------------------------------------------------------------------------------------------------- blocks

@dataclasses.dataclass
class BlockResults:
    statuses: dict[int, int]          # block index -> final HTTP status
    bytes: int                        # bytes of the blocks sent
    seconds: float                    # wall time of the whole send

    @property
    def mib_per_second(self) -> float:
        return self.bytes / 2**20 / self.seconds if self.seconds > 0 else 0.0

    def count(self, status: int) -> int:
        return sum(1 for s in self.statuses.values() if s == status)


def send_blocks(http: HttpClient, path: str, blocks: list[Block], url_of, headers: dict, parallel: int,
                step: str = "PUT block", progress: Progress | None = None, md5: bool = True,
                accepted=frozenset({200, 201, 202, 204})) -> BlockResults:
    """PUTs blocks of the file at path, parallel at a time, each to url_of(index), retrying as HttpClient does.
    Stops at the first block that fails for good and raises its error (after the blocks in flight end)."""
    cancel = threading.Event()
    statuses: dict[int, int] = {}
    descriptor = os.open(path, os.O_RDONLY)

    def send(block: Block) -> int:
        if cancel.is_set():
            raise Cancelled()
        data = os.pread(descriptor, block.length, block.offset)
        if len(data) != block.length:
            raise UploadError(f"{path} is shorter than when the upload started (block {block.index})",
                              "run again with --restart if the file changed")
        block_headers = dict(headers)
        if md5:
            block_headers["Content-MD5"] = content_md5(data)
        status, _, payload = http.request("PUT", url_of(block.index), block_headers, data,
                                          f"{step} {block.index}", progress.add if progress else None, cancel)
        if status not in accepted:
            raise explain(f"{step} {block.index}", status, payload)
        return status

    started = time.monotonic()
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=parallel, thread_name_prefix="block")
    try:
        futures = {pool.submit(send, block): block for block in blocks}
        pending = set(futures)
        failure: BaseException | None = None
        while pending:
            # A timeout keeps the main thread responsive to Ctrl-C.
            finished, pending = concurrent.futures.wait(pending, timeout=0.5,
                                                        return_when=concurrent.futures.FIRST_EXCEPTION)
            for future in finished:
                error = future.exception()
                if error is None:
                    statuses[futures[future].index] = future.result()
                elif failure is None and not isinstance(error, Cancelled):
                    failure = error
                    cancel.set()
        if failure is not None:
            raise failure
    except KeyboardInterrupt:
        cancel.set()
        http.abort()  # do not wait for the blocks in flight: the next run sends them again
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        os.close(descriptor)
    return BlockResults(statuses, sum(b.length for b in blocks), time.monotonic() - started)


# ---------------------------------------------------------------------------------------------------- state

def default_state_dir() -> str:
    if os.environ.get("SAVEPOINT_UPLOAD_STATE_DIR"):
        return os.environ["SAVEPOINT_UPLOAD_STATE_DIR"]
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(cache, "savepoint-upload")


def state_path(state_dir: str, video_path: str) -> str:
    name = hashlib.sha256(os.path.realpath(video_path).encode()).hexdigest()[:24]
    return os.path.join(state_dir, name + ".json")


def load_state(path: str) -> dict | None:
    try:
        with open(path, encoding="utf-8") as f:
            state = json.load(f)
        return state if isinstance(state, dict) else None
    except (OSError, ValueError):
        return None


def save_state(path: str, state: dict) -> None:
    """Written to a temporary file and renamed, so an interruption never leaves half a state file."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    temporary = path + ".tmp"
    with open(temporary, "w", encoding="utf-8") as f:
        json.dump(state, f, indent=2, sort_keys=True)
        f.write("\n")
    os.replace(temporary, path)


def state_matches(state: dict | None, file_size: int, mtime_ns: int, scid: str, metadata_url: str) -> bool:
    return bool(state) and state.get("fileSize") == file_size and state.get("mtimeNs") == mtime_ns \
        and state.get("scid", "").lower() == scid.lower() and state.get("metadataUrl") == metadata_url \
        and bool(state.get("uploadUri")) and bool(state.get("gameClipId"))


# ---------------------------------------------------------------------------------------------------- file facts

def file_sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(4 * 1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def probe_duration(path: str) -> int | None:
    """The video's duration in whole seconds (rounded up, at least 1) by ffprobe; None without ffprobe or a
    readable duration."""
    if shutil.which("ffprobe") is None:
        return None
    try:
        result = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration",
                                 "-of", "default=noprint_wrappers=1:nokey=1", path],
                                capture_output=True, text=True, timeout=60, check=False)
        return max(1, math.ceil(float(result.stdout.strip().splitlines()[0])))
    except (OSError, subprocess.SubprocessError, ValueError, IndexError):
        return None


def iso_utc(epoch_seconds: float) -> str:
    return datetime.datetime.fromtimestamp(epoch_seconds, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


# ---------------------------------------------------------------------------------------------------- the upload

@dataclasses.dataclass
class Options:
    file: str
    scid: str
    token: str
    metadata_url: str = "http://localhost:8081"
    parallel: int = 4
    retries: int = 6
    timeout: float = 60.0
    duration: int | None = None
    date_recorded: str | None = None
    clip_type: str = "UserGenerated"
    visibility: str = "Default"
    caption: str | None = None
    clip_name_id: str | None = None
    state_dir: str = dataclasses.field(default_factory=default_state_dir)
    restart: bool = False
    progress: bool = True
    wait: bool = False
    wait_timeout: float = 600.0


def common_headers(authorization: str) -> dict:
    return {"Authorization": authorization, "x-xbl-contract-version": CONTRACT_VERSION}


def start_clip(http: HttpClient, options: Options, authorization: str, file_size: int, key: str, mtime: float,
               log) -> dict:
    """The initial upload request; answers the InitialUploadResponse."""
    duration = options.duration or probe_duration(options.file)
    if duration is None:
        raise UploadError(f"cannot tell the duration of {options.file}: ffprobe is "
                          + ("not installed" if shutil.which("ffprobe") is None else "unable to read it"),
                          "pass --duration SECONDS, or install ffmpeg (apt-get install ffmpeg)", 2)
    body = initial_upload_request(file_size, duration, options.date_recorded or iso_utc(mtime), options.clip_type,
                                  options.visibility, options.caption, options.clip_name_id)
    url = f"{options.metadata_url.rstrip('/')}/users/me/scids/{urllib.parse.quote(options.scid)}/clips"
    headers = common_headers(authorization) | {"Content-Type": "application/json", "Accept": "application/json",
                                                "Idempotency-Key": key}
    log(f"Starting the clip: POST {url} ({file_size} bytes, {body['expectedBlocks']} blocks, {duration} s)")
    status, _, payload = http.request("POST", url, headers, json.dumps(body).encode(), "initial upload request")
    if status != 200 and status != 201:
        raise explain("initial upload request", status, payload)
    try:
        answer = json.loads(payload)
        answer["gameClipId"], answer["uploadUri"]
    except (ValueError, KeyError, TypeError) as e:
        raise UploadError(f"initial upload request answered {status} without gameClipId and uploadUri: "
                          f"{payload[:200]!r}") from e
    return answer


def upload_status(http: HttpClient, upload_uri: str, authorization: str) -> dict:
    status, _, payload = http.request("GET", status_url(upload_uri), common_headers(authorization) |
                                      {"Accept": "application/json"}, None, "upload status")
    if status != 200:
        raise explain("upload status (GET {uploadUri}?status)", status, payload)
    try:
        answer = json.loads(payload)
        if not isinstance(answer, dict):
            raise ValueError("not an object")
        return answer
    except ValueError as e:
        raise UploadError(f"upload status answered 200 with a body that is not a JSON object: {payload[:200]!r}") from e


def wait_for_clip(http: HttpClient, options: Options, authorization: str, clip_id: str, log) -> dict:
    """Polls the clip until Published or Error; answers the GameClip JSON."""
    xuid = jwt_claims(authorization).get("xuid")
    owner = f"xuid({xuid})" if xuid else "me"
    url = (f"{options.metadata_url.rstrip('/')}/users/{owner}/scids/{urllib.parse.quote(options.scid)}"
           f"/clips/{urllib.parse.quote(clip_id)}")
    deadline = time.monotonic() + options.wait_timeout
    last_state = None
    while True:
        status, _, payload = http.request("GET", url, common_headers(authorization) | {"Accept": "application/json"},
                                          None, "clip lookup")
        if status != 200:
            raise explain(f"clip lookup (GET {url})", status, payload)
        try:
            clip = json.loads(payload).get("gameClip") or {}
        except (ValueError, AttributeError):
            clip = {}
        state = clip.get("state")
        if state != last_state:
            log(f"Clip {clip_id}: {state}")
            last_state = state
        if state in FINAL_CLIP_STATES:
            return clip
        if time.monotonic() >= deadline:
            raise UploadError(f"the clip is still {state} after {options.wait_timeout:.0f} s",
                              "wait longer with --wait-timeout, or check the transfer-service log")
        time.sleep(2)


def upload(options: Options, log=None, client: HttpClient | None = None) -> tuple[str, BlockResults | None]:
    """Uploads options.file end to end; answers (gameClipId, the block results or None when nothing was left).
    A given client is closed at the end too (its retry count stays readable)."""
    log = log or (lambda message: print(f"{PROG}: {message}", file=sys.stderr))
    authorization = authorization_header(options.token)
    try:
        info = os.stat(options.file)
    except OSError as e:
        raise UploadError(f"cannot read {options.file}: {e.strerror}", exit_code=2) from e
    if info.st_size == 0:
        raise UploadError(f"{options.file} is empty", exit_code=2)
    if info.st_size > MAX_FILE_SIZE:
        raise UploadError(f"{options.file} is {info.st_size} bytes; a clip is at most {MAX_FILE_SIZE} bytes "
                          "(fileSize is a uint32)", exit_code=2)
    blocks = split_blocks(info.st_size)
    http = client or HttpClient(options.timeout, options.retries, log)
    try:
        state_file = state_path(options.state_dir, options.file)
        state = load_state(state_file)

        if not options.restart and state_matches(state, info.st_size, info.st_mtime_ns, options.scid,
                                                 options.metadata_url):
            log(f"Resuming clip {state['gameClipId']} (state {state_file})")
        else:
            log(f"Hashing {options.file} for its Idempotency-Key ...")
            nonce = f"{time.time_ns()}" if options.restart else None
            key = idempotency_key(file_sha256(options.file), options.scid, nonce)
            answer = start_clip(http, options, authorization, info.st_size, key, info.st_mtime, log)
            state = {"file": os.path.realpath(options.file), "fileSize": info.st_size, "mtimeNs": info.st_mtime_ns,
                     "scid": options.scid, "metadataUrl": options.metadata_url, "idempotencyKey": key,
                     "gameClipId": answer["gameClipId"], "uploadUri": answer["uploadUri"],
                     "expectedBlocks": len(blocks), "completed": False}
            save_state(state_file, state)
        clip_id, upload_uri = state["gameClipId"], state["uploadUri"]

        missing = resume_plan(info.st_size, len(blocks), upload_status(http, upload_uri, authorization))
        results = None
        if missing:
            todo = [blocks[i] for i in missing]
            already = info.st_size - sum(b.length for b in todo)
            if already:
                log(f"{len(blocks) - len(todo)} of {len(blocks)} blocks are already stored; sending the other {len(todo)}")
            headers = common_headers(authorization) | {"Content-Type": "application/octet-stream"}
            progress = Progress(info.st_size, already) if options.progress else None
            with progress or contextlib.nullcontext():
                results = send_blocks(http, options.file, todo, lambda i: block_url(upload_uri, i), headers,
                                      options.parallel, progress=progress)
            if results.count(201) == 0:
                # No block completed the set here: another run may have, or blocks are still missing.
                still = resume_plan(info.st_size, len(blocks), upload_status(http, upload_uri, authorization))
                if still:
                    raise UploadError(f"{len(still)} blocks are still missing after sending them all (e.g. {still[:5]})",
                                      "run the same command again to send them")
        state["completed"] = True
        save_state(state_file, state)
        return clip_id, results
    finally:
        http.close()


# ---------------------------------------------------------------------------------------------------- command line

HELP_EPILOG = """\
what it does:
  1. POST {metadata-url}/users/me/scids/{scid}/clips with an InitialUploadRequest (fileSize, expectedBlocks of
     2 MiB, durationInSeconds, dateRecorded, type, source Console, visibility, thumbnailSource Default) and an
     Idempotency-Key derived from the file's SHA-256 and the SCID: running the command again answers the same clip
  2. GET {uploadUri}?status: which blocks transfer-service already holds
  3. PUT {uploadUri}?blockNum=N for each missing block, --parallel at a time, with Content-MD5; a progress bar
     (bytes, %, MiB/s, ETA) on stderr, plain lines every 5 s when stderr is not a terminal
  4. prints the clip id on stdout; with --wait, polls the clip until Published (exit 0) or Error (exit 3)

resume:
  A small state file (clip id, upload URI, file size and mtime) is kept in --state-dir. Interrupted (Ctrl-C,
  network down, reboot)? Run the same command again: it asks the server which blocks are missing and sends only
  those. Timeouts, connection errors and 408/429/5xx answers are retried with back-off (Retry-After honoured).
  410 Gone means the upload expired: run again with --restart.

exit status:
  0 uploaded (and Published with --wait); 1 failed (the message says what to do); 2 bad usage or file;
  3 the clip ended in Error (--wait); 130 interrupted (run again to resume)

environment:
  SAVEPOINT_TOKEN              default of --token
  SAVEPOINT_METADATA_URL       default of --metadata-url
  SAVEPOINT_SCID               default of --scid
  SAVEPOINT_UPLOAD_STATE_DIR   default of --state-dir

example (the local stack of deploy/local/run and a dev token):
  SAVEPOINT_TOKEN=$(deploy/local/token) tools/savepoint-upload --scid 00000000-0000-0000-0000-0000075e3a40 \\
      --wait clip.mp4
"""


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog=PROG, formatter_class=argparse.RawDescriptionHelpFormatter, epilog=HELP_EPILOG,
        description="Upload a video file to Savepoint GameClips: initial upload request, parallel 2 MiB blocks, "
                    "resume after interruption; prints the clip id.")
    parser.add_argument("file", help="the video file to upload (at most 4294967295 bytes)")
    parser.add_argument("--scid", default=os.environ.get("SAVEPOINT_SCID"),
                        help="SCID of the token's title (env SAVEPOINT_SCID)")
    parser.add_argument("--token", default=os.environ.get("SAVEPOINT_TOKEN"),
                        help="'XBL3.0 x=<hash>;<jwt>', 'Bearer <jwt>' or a bare JWT (sent as XBL3.0 x=-;<jwt>); "
                             "env SAVEPOINT_TOKEN; dev tokens: deploy/local/token")
    parser.add_argument("--metadata-url", default=os.environ.get("SAVEPOINT_METADATA_URL", "http://localhost:8081"),
                        help="metadata-service base URL (env SAVEPOINT_METADATA_URL; default %(default)s). "
                             "The block URLs come from its answer (uploadUri)")
    parser.add_argument("-j", "--parallel", type=int, default=4, metavar="N",
                        help="blocks sent at the same time (default %(default)s)")
    parser.add_argument("--duration", type=int, metavar="SECONDS",
                        help="durationInSeconds; default: probed with ffprobe (required without ffprobe)")
    parser.add_argument("--date-recorded", metavar="ISO8601",
                        help="dateRecorded, e.g. 2026-11-30T20:15:00Z; default: the file's modification time (UTC)")
    parser.add_argument("--type", dest="clip_type", default="UserGenerated",
                        help="GameClipTypes flags, comma-separated (default %(default)s)")
    parser.add_argument("--visibility", default="Default", choices=["Default", "Owner", "Title", "Public"],
                        help="visibility once published (default %(default)s)")
    parser.add_argument("--caption", help="userCaption (at most 250 characters)")
    parser.add_argument("--clip-name-id", metavar="ID",
                        help="greatestMomentId: the title's localized clip-name string id (e.g. 1193045)")
    parser.add_argument("--retries", type=int, default=6, metavar="N",
                        help="retries per request on timeouts, connection errors, 408/429/5xx (default %(default)s)")
    parser.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS",
                        help="socket timeout per request (default %(default)s)")
    parser.add_argument("--state-dir", default=default_state_dir(), metavar="DIR",
                        help="where resume state is kept (default %(default)s)")
    parser.add_argument("--restart", action="store_true",
                        help="forget earlier attempts and start a new clip (after 410 expired, 404, or a changed file)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar or lines")
    parser.add_argument("--wait", action="store_true", help="after the upload, wait until the clip is Published or Error")
    parser.add_argument("--wait-timeout", type=float, default=600.0, metavar="SECONDS",
                        help="how long --wait waits (default %(default)s)")
    args = parser.parse_args(argv)
    if not args.scid:
        parser.error("--scid is required (or set SAVEPOINT_SCID)")
    if not args.token:
        parser.error("--token is required (or set SAVEPOINT_TOKEN); dev: SAVEPOINT_TOKEN=$(deploy/local/token)")
    if not 1 <= args.parallel <= 64:
        parser.error(f"--parallel must be 1..64, got {args.parallel}")
    if args.retries < 0:
        parser.error("--retries must be 0 or more")
    if args.duration is not None and args.duration < 1:
        parser.error("--duration must be at least 1 second")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    options = Options(file=args.file, scid=args.scid, token=args.token, metadata_url=args.metadata_url,
                      parallel=args.parallel, retries=args.retries, timeout=args.timeout, duration=args.duration,
                      date_recorded=args.date_recorded, clip_type=args.clip_type, visibility=args.visibility,
                      caption=args.caption, clip_name_id=args.clip_name_id, state_dir=args.state_dir,
                      restart=args.restart, progress=not args.no_progress, wait=args.wait,
                      wait_timeout=args.wait_timeout)

    def log(message: str) -> None:
        print(f"{PROG}: {message}", file=sys.stderr, flush=True)

    try:
        clip_id, results = upload(options, log)
        if results is None:
            log("every block was already stored")
        else:
            log(f"sent {len(results.statuses)} blocks, {results.bytes / 2**20:.1f} MiB in {results.seconds:.1f} s "
                f"({results.mib_per_second:.1f} MiB/s); the upload is complete")
        print(clip_id, flush=True)
        if options.wait:
            http = HttpClient(options.timeout, options.retries, log)
            try:
                clip = wait_for_clip(http, options, authorization_header(options.token), clip_id, log)
            finally:
                http.close()
            if clip.get("state") == "Error":
                log("the clip ended in Error: " + json.dumps(clip, sort_keys=True)[:1000])
                return 3
        return 0
    except UploadError as e:
        log(f"error: {e}")
        if e.hint:
            log(f"  {e.hint}")
        return e.exit_code
    except KeyboardInterrupt:
        log("interrupted; run the same command again to send only the missing blocks")
        return 130
