"""Tests of tools/savepoint_upload.py: block splitting, resume plans, Content-MD5, keys, state, error hints, and the
parallel block sender against a local HTTP sink. Run: python3 -m unittest discover tools/tests"""

import base64
import hashlib
import http.server
import json
import os
import sys
import tempfile
import threading
import unittest

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import savepoint_upload as su  # noqa: E402  (needs the path above)

MiB = 1024 * 1024


class BlockSplitting(unittest.TestCase):

    def test_expected_blocks_rounds_up_to_2_mib_blocks(self):
        self.assertEqual(su.expected_blocks(1), 1)
        self.assertEqual(su.expected_blocks(2 * MiB), 1)
        self.assertEqual(su.expected_blocks(2 * MiB + 1), 2)
        self.assertEqual(su.expected_blocks(256 * MiB), 128)
        self.assertEqual(su.expected_blocks(1234567), 1)
        self.assertEqual(su.expected_blocks(su.MAX_FILE_SIZE), 2048)

    def test_expected_blocks_refuses_empty_files(self):
        with self.assertRaises(ValueError):
            su.expected_blocks(0)

    def test_split_blocks_covers_the_file_exactly_once(self):
        size = 7 * MiB + 123
        blocks = su.split_blocks(size)
        self.assertEqual([b.index for b in blocks], [0, 1, 2, 3])
        self.assertEqual([b.length for b in blocks], [2 * MiB, 2 * MiB, 2 * MiB, MiB + 123])
        self.assertEqual(sum(b.length for b in blocks), size)
        for previous, block in zip(blocks, blocks[1:]):
            self.assertEqual(previous.offset + previous.length, block.offset)

    def test_split_blocks_of_an_exact_multiple_has_a_full_last_block(self):
        blocks = su.split_blocks(4 * MiB)
        self.assertEqual([(b.offset, b.length) for b in blocks], [(0, 2 * MiB), (2 * MiB, 2 * MiB)])

    def test_split_blocks_honours_a_smaller_block_size(self):
        self.assertEqual([b.length for b in su.split_blocks(10, 4)], [4, 4, 2])


class ContentMd5(unittest.TestCase):

    def test_rfc_1864_base64_of_the_digest(self):
        self.assertEqual(su.content_md5(b""), "1B2M2Y8AsgTpgAmY7PhCfg==")
        self.assertEqual(su.content_md5(b"abc"), "kAFQmDzST7DWlj99KOF/cg==")

    def test_matches_hashlib_for_a_block(self):
        data = os.urandom(2 * MiB)
        self.assertEqual(base64.b64decode(su.content_md5(memoryview(data))), hashlib.md5(data).digest())


class ResumePlan(unittest.TestCase):
    SIZE = 7 * MiB  # 4 blocks

    def test_sends_the_missing_blocks(self):
        status = {"fileSize": self.SIZE, "expectedBlocks": 4, "receivedBlocks": [0, 2], "missingBlocks": [3, 1]}
        self.assertEqual(su.resume_plan(self.SIZE, 4, status), [1, 3])

    def test_derives_missing_blocks_from_received_ones(self):
        self.assertEqual(su.resume_plan(self.SIZE, 4, {"receivedBlocks": [1]}), [0, 2, 3])

    def test_a_fresh_upload_sends_everything(self):
        self.assertEqual(su.resume_plan(self.SIZE, 4, {"missingBlocks": [0, 1, 2, 3], "receivedBlocks": []}),
                         [0, 1, 2, 3])
        self.assertEqual(su.resume_plan(self.SIZE, 4, {}), [0, 1, 2, 3])

    def test_a_complete_upload_sends_nothing(self):
        status = {"state": "Uploaded", "receivedBlocks": [0, 1, 2, 3], "missingBlocks": []}
        self.assertEqual(su.resume_plan(self.SIZE, 4, status), [])

    def test_refuses_a_clip_of_another_size(self):
        with self.assertRaises(su.UploadError) as caught:
            su.resume_plan(self.SIZE, 4, {"fileSize": self.SIZE + 1, "missingBlocks": []})
        self.assertIn("--restart", caught.exception.hint)

    def test_refuses_a_clip_of_another_block_count(self):
        with self.assertRaises(su.UploadError):
            su.resume_plan(self.SIZE, 4, {"expectedBlocks": 7, "missingBlocks": [0]})

    def test_refuses_block_numbers_outside_the_file(self):
        with self.assertRaises(su.UploadError):
            su.resume_plan(self.SIZE, 4, {"missingBlocks": [4]})


class Keys(unittest.TestCase):

    def test_the_same_file_and_scid_give_the_same_key(self):
        digest = hashlib.sha256(b"video").hexdigest()
        self.assertEqual(su.idempotency_key(digest, "ABC"), su.idempotency_key(digest, "abc"))

    def test_another_scid_or_a_restart_gives_another_key(self):
        digest = hashlib.sha256(b"video").hexdigest()
        keys = {su.idempotency_key(digest, "a"), su.idempotency_key(digest, "b"),
                su.idempotency_key(digest, "a", "1"), su.idempotency_key(hashlib.sha256(b"x").hexdigest(), "a")}
        self.assertEqual(len(keys), 4)

    def test_key_is_what_metadata_service_accepts(self):
        key = su.idempotency_key("0" * 64, "scid", "nonce")
        self.assertTrue(1 <= len(key) <= 128)
        self.assertTrue(all(0x21 <= ord(c) <= 0x7e for c in key))


class Tokens(unittest.TestCase):

    @staticmethod
    def jwt(claims):
        def part(obj):
            return base64.urlsafe_b64encode(json.dumps(obj).encode()).rstrip(b"=").decode()
        return f"{part({'alg': 'RS256'})}.{part(claims)}.c2ln"

    def test_a_bare_jwt_is_sent_as_xbl30(self):
        self.assertEqual(su.authorization_header(" abc.def.ghi\n"), "XBL3.0 x=-;abc.def.ghi")

    def test_full_header_values_are_kept(self):
        self.assertEqual(su.authorization_header("XBL3.0 x=123;a.b.c"), "XBL3.0 x=123;a.b.c")
        self.assertEqual(su.authorization_header("Bearer a.b.c"), "Bearer a.b.c")

    def test_an_empty_token_is_a_usage_error(self):
        with self.assertRaises(su.UploadError) as caught:
            su.authorization_header("  ")
        self.assertEqual(caught.exception.exit_code, 2)

    def test_claims_are_read_from_either_form(self):
        token = self.jwt({"xuid": "2533274800000001"})
        self.assertEqual(su.jwt_claims(f"XBL3.0 x=-;{token}")["xuid"], "2533274800000001")
        self.assertEqual(su.jwt_claims(f"Bearer {token}")["xuid"], "2533274800000001")
        self.assertEqual(su.jwt_claims("Bearer not-a-jwt"), {})


class Urls(unittest.TestCase):

    def test_block_and_status_urls(self):
        uri = "http://t:8082/upload/xuid(1)/abc/container"
        self.assertEqual(su.block_url(uri, 7), uri + "?blockNum=7")
        self.assertEqual(su.status_url(uri), uri + "?status")
        self.assertEqual(su.block_url(uri + "?uploadId=abc", 0), uri + "?uploadId=abc&blockNum=0")


class Backoff(unittest.TestCase):

    def test_retry_after_in_seconds_wins(self):
        self.assertEqual(su.backoff_delay(1, "5"), 5.0)
        self.assertEqual(su.backoff_delay(1, "0"), 0.0)
        self.assertEqual(su.backoff_delay(1, "999"), 30.0)

    def test_doubles_with_jitter_up_to_the_cap(self):
        for attempt, base in [(1, 0.5), (2, 1.0), (4, 4.0)]:
            self.assertTrue(0.8 * base <= su.backoff_delay(attempt) <= 1.2 * base)
        self.assertLessEqual(su.backoff_delay(20), 36.0)
        self.assertTrue(0.4 <= su.backoff_delay(1, "Wed, 21 Oct 2015 07:28:00 GMT") <= 0.6)


class ProgressLine(unittest.TestCase):

    def test_shows_bytes_percent_rate_and_eta(self):
        line = su.format_progress(64 * MiB, 256 * MiB, 2.0, 64 * MiB, bar_width=20)
        self.assertIn("[#####...............]", line)
        self.assertIn("64.0/256.0 MiB", line)
        self.assertIn(" 25.0%", line)
        self.assertIn("32.0 MiB/s", line)
        self.assertIn("ETA 0:06", line)

    def test_rate_counts_only_this_runs_bytes(self):
        line = su.format_progress(200 * MiB, 256 * MiB, 1.0, 8 * MiB)  # 192 MiB were there from an earlier run
        self.assertIn("8.0 MiB/s", line)
        self.assertIn("ETA 0:07", line)

    def test_no_eta_before_anything_was_sent(self):
        self.assertIn("ETA --:--", su.format_progress(0, MiB, 0.0, 0))


class InitialRequest(unittest.TestCase):

    def test_fields_of_the_initial_upload_request(self):
        body = su.initial_upload_request(256 * MiB, 27, "2026-12-01T10:00:00Z", "UserGenerated", "Default")
        self.assertEqual(body, {"fileSize": 256 * MiB, "expectedBlocks": 128, "durationInSeconds": 27,
                                "dateRecorded": "2026-12-01T10:00:00Z", "type": "UserGenerated",
                                "source": "Console", "visibility": "Default", "thumbnailSource": "Default"})

    def test_optional_caption_and_clip_name(self):
        body = su.initial_upload_request(1, 1, "2026-12-01T10:00:00Z", "Achievement", "Public", "gg", "1193045")
        self.assertEqual((body["userCaption"], body["greatestMomentId"]), ("gg", "1193045"))

    def test_date_recorded_default_is_utc_iso_8601(self):
        self.assertEqual(su.iso_utc(0), "1970-01-01T00:00:00Z")


class ErrorHints(unittest.TestCase):

    def body(self, message):
        return json.dumps({"errorCode": 4500, "errorMessage": message}).encode()

    def test_device_type_names_the_claim(self):
        error = su.explain("initial upload request", 403,
                           self.body("Device type 'PC' may not upload game clips; allowed: XboxOne"))
        self.assertIn("Device type 'PC'", str(error))
        self.assertIn("deviceType", error.hint)
        self.assertIn("--device-type", error.hint)

    def test_missing_claim(self):
        self.assertIn("deviceId", su.explain("x", 403, self.body("lacks required claim(s): deviceId")).hint)

    def test_over_quota(self):
        self.assertIn("clipQuotaBytes", su.explain("x", 400, self.body("Over quota: 10 of 5 bytes")).hint)

    def test_expired_and_unknown_uploads_say_restart(self):
        self.assertIn("--restart", su.explain("x", 410, self.body("expired: upload window closed")).hint)
        self.assertIn("--restart", su.explain("x", 404, b"").hint)

    def test_unauthorized_says_mint_a_token(self):
        self.assertIn("deploy/local/token", su.explain("x", 401, b"").hint)

    def test_a_body_that_is_not_json_is_quoted(self):
        self.assertIn("<html>oops", str(su.explain("x", 502, b"<html>oops</html>")))


class State(unittest.TestCase):

    def test_round_trip_and_match(self):
        with tempfile.TemporaryDirectory() as directory:
            path = su.state_path(os.path.join(directory, "state"), "/videos/clip.mp4")
            state = {"fileSize": 10, "mtimeNs": 5, "scid": "ABC", "metadataUrl": "http://m",
                     "gameClipId": "g", "uploadUri": "http://t/u"}
            su.save_state(path, state)
            loaded = su.load_state(path)
            self.assertEqual(loaded, state)
            self.assertTrue(su.state_matches(loaded, 10, 5, "abc", "http://m"))
            self.assertFalse(su.state_matches(loaded, 11, 5, "abc", "http://m"))  # the file grew
            self.assertFalse(su.state_matches(loaded, 10, 6, "abc", "http://m"))  # the file was rewritten
            self.assertFalse(su.state_matches(loaded, 10, 5, "other", "http://m"))
            self.assertFalse(su.state_matches(None, 10, 5, "abc", "http://m"))

    def test_a_damaged_state_file_is_ignored(self):
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            f.write("{not json")
        try:
            self.assertIsNone(su.load_state(f.name))
        finally:
            os.unlink(f.name)


class BlockSink(http.server.ThreadingHTTPServer):
    """Stores PUT bodies by path; answers 503 (Retry-After: 0) to the first attempt of the paths in flaky."""

    def __init__(self, flaky=()):
        super().__init__(("127.0.0.1", 0), SinkHandler)
        self.bodies, self.md5s, self.flaky, self.lock = {}, {}, set(flaky), threading.Lock()


class SinkHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_PUT(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        with self.server.lock:
            fail = self.path in self.server.flaky
            self.server.flaky.discard(self.path)
            if not fail:
                self.server.bodies[self.path] = body
                self.server.md5s[self.path] = self.headers.get("Content-MD5")
        self.send_response(503 if fail else 202)
        if fail:
            self.send_header("Retry-After", "0")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


class SendBlocks(unittest.TestCase):

    def test_parallel_blocks_arrive_whole_with_md5_and_503s_are_retried(self):
        size = 5 * MiB + 17
        with tempfile.NamedTemporaryFile(delete=False) as f:
            f.write(os.urandom(size))
        sink = BlockSink(flaky={"/b/1", "/b/2"})
        thread = threading.Thread(target=sink.serve_forever, daemon=True)
        thread.start()
        try:
            blocks = su.split_blocks(size)
            url = f"http://127.0.0.1:{sink.server_address[1]}/b/"
            client = su.HttpClient(timeout=10, retries=2)
            with open(os.devnull, "w") as quiet:
                progress = su.Progress(size, 0, stream=quiet, interval=60)
                results = su.send_blocks(client, f.name, blocks, lambda i: f"{url}{i}", {}, parallel=3,
                                         progress=progress)
            client.close()
            self.assertEqual(progress.done, size)  # bytes of the refused attempts are not counted twice
            self.assertEqual(results.statuses, {0: 202, 1: 202, 2: 202})
            self.assertEqual(results.bytes, size)
            with open(f.name, "rb") as original:
                data = original.read()
            self.assertEqual(b"".join(sink.bodies[f"/b/{b.index}"] for b in blocks), data)
            for b in blocks:
                self.assertEqual(sink.md5s[f"/b/{b.index}"], su.content_md5(data[b.offset:b.offset + b.length]))
        finally:
            sink.shutdown()
            sink.server_close()
            os.unlink(f.name)


if __name__ == "__main__":
    unittest.main()
