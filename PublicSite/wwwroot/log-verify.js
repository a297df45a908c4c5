// The verified-gift page's "check it yourself": fetches this receipt's tlog-proof and the entry bundle that holds its
// ledger entry, and checks in the browser (WebCrypto SHA-256 only, no library) that the entry's canonical bytes hash
// to the statement's hash and, as an RFC 6962 leaf, up the proof to the signed checkpoint's root (RFC 9162 §2.1.3.2);
// then that the checkpoint is signed by the log's key printed on the page (C2SP signed-note, Ed25519 in WebCrypto), and
// which of the policy's witnesses cosigned it (C2SP tlog-cosignature), against the quorum the page names.
(() => {
  const box = document.getElementById('log-check');
  if (!box || !window.crypto || !crypto.subtle) return;
  const button = box.querySelector('button');
  const out = box.querySelector('output');
  button.hidden = false;

  const b64 = s => Uint8Array.from(atob(s), c => c.charCodeAt(0));
  const hex = b => Array.from(b, x => x.toString(16).padStart(2, '0')).join('');
  const equal = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
  const sha = async (...parts) => {
    const buffer = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) { buffer.set(p, at); at += p.length; }
    return new Uint8Array(await crypto.subtle.digest('SHA-256', buffer));
  };
  // tlog-tiles: 1234067 → "x001/x234/067"
  const tilePath = n => {
    const groups = [];
    do { groups.unshift(String(n % 1000).padStart(3, '0')); n = Math.floor(n / 1000); } while (n > 0);
    return groups.map((g, i) => (i < groups.length - 1 ? 'x' : '') + g).join('/');
  };

  async function check() {
    const data = box.dataset;
    const response = await fetch(data.proof, { cache: 'no-store' });
    if (!response.ok) throw new Error('proof ' + response.status);
    const lines = (await response.text()).split('\n');
    if (lines[0] !== 'c2sp.org/tlog-proof@v1') return null;
    let i = 1;
    if (lines[i].startsWith('extra ')) i++;
    const index = Number(lines[i++].slice('index '.length));
    const path = [];
    while (lines[i] !== '') path.push(b64(lines[i++]));
    const checkpoint = lines.slice(i + 1);
    const size = Number(checkpoint[1]);
    const root = b64(checkpoint[2]);
    const signed = await signedBy(checkpoint, data.key);
    if (signed === false) return null;
    const witnessKeys = (data.witnesses || '').split(' ').filter(k => k);
    const witnessed = witnessKeys.length === 0 || signed === undefined ? undefined : await cosignedBy(checkpoint, witnessKeys);

    const tile = Math.floor(index / 256);
    const width = Math.min(256, size - tile * 256);
    const bundleUrl = data.prefix + '/tile/entries/' + tilePath(tile) + (width < 256 ? '.p/' + width : '');
    const bundleResponse = await fetch(bundleUrl);
    if (!bundleResponse.ok) throw new Error('entries ' + bundleResponse.status); // not a mismatch: try again later
    const bundle = new Uint8Array(await bundleResponse.arrayBuffer());
    let at = 0, entry = null;
    for (let k = 0; k <= index % 256; k++) {
      const length = (bundle[at] << 8) | bundle[at + 1];
      if (k === index % 256) entry = bundle.subarray(at + 2, at + 2 + length);
      at += 2 + length;
    }
    if (!entry || hex(await sha(entry)) !== data.hash) return null;

    let fn = index, sn = size - 1, r = await sha(Uint8Array.of(0), entry);
    for (const p of path) {
      if (sn === 0) return null;
      if (fn % 2 === 1 || fn === sn) {
        r = await sha(Uint8Array.of(1), p, r);
        while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
      } else {
        r = await sha(Uint8Array.of(1), r, p);
      }
      fn = Math.floor(fn / 2); sn = Math.floor(sn / 2);
    }
    return sn === 0 && equal(r, root) ? { size, signed, witnessed, witnesses: witnessKeys.length } : null;
  }

  // C2SP signed-note: the key is "<name>+<8 hex key id>+<base64(0x01 ‖ Ed25519 key)>", the id the first 4 bytes of
  // SHA-256(name ‖ "\n" ‖ 0x01 ‖ key); a signature line is "— <name> <base64(id ‖ signature)>" over the note's text up to
  // the blank line. True: signed by that key; false: not; undefined: this browser has no Ed25519 in WebCrypto.
  async function signedBy(note, verifierKey) {
    // Split on the first two '+' only: the base64 of the key may itself hold '+'.
    const parts = (verifierKey || '').split('+');
    const [name, id, encoded] = [parts[0], parts[1], parts.slice(2).join('+')];
    if (!encoded) return false;
    const raw = b64(encoded);
    if (raw.length !== 33 || raw[0] !== 1) return false;
    const text = new TextEncoder();
    if (hex((await sha(text.encode(name), Uint8Array.of(10), raw)).subarray(0, 4)) !== id) return false;
    let key;
    try {
      key = await crypto.subtle.importKey('raw', raw.subarray(1), { name: 'Ed25519' }, false, ['verify']);
    } catch {
      return undefined;
    }
    const blank = note.indexOf('');
    if (blank < 1) return false;
    const body = text.encode(note.slice(0, blank).join('\n') + '\n');
    const prefix = '\u2014 ' + name + ' ';
    for (const line of note.slice(blank + 1)) {
      if (!line.startsWith(prefix)) continue;
      const signature = b64(line.slice(prefix.length));
      if (signature.length === 68 && hex(signature.subarray(0, 4)) === id
          && await crypto.subtle.verify({ name: 'Ed25519' }, key, signature.subarray(4), body)) return true;
    }
    return false;
  }

  // C2SP tlog-cosignature: a witness key is "<name>+<8 hex id>+<base64(0x04 ‖ Ed25519 key)>", the id the first 4 bytes of
  // SHA-256(name ‖ "\n" ‖ 0x04 ‖ key); its line "— <name> <base64(id ‖ u64 time ‖ signature)>" signs
  // "cosignature/v1\ntime <time>\n" followed by the checkpoint's text. How many of the keys cosigned the note.
  async function cosignedBy(note, keys) {
    const blank = note.indexOf('');
    if (blank < 1) return 0;
    const text = new TextEncoder();
    const body = note.slice(0, blank).join('\n') + '\n';
    let count = 0;
    for (const witnessKey of keys) {
      const parts = witnessKey.split('+');
      const [name, id, encoded] = [parts[0], parts[1], parts.slice(2).join('+')];
      if (!encoded) continue;
      const raw = b64(encoded);
      if (raw.length !== 33 || raw[0] !== 4) continue;
      if (hex((await sha(text.encode(name), Uint8Array.of(10), raw)).subarray(0, 4)) !== id) continue;
      const key = await crypto.subtle.importKey('raw', raw.subarray(1), { name: 'Ed25519' }, false, ['verify']);
      const prefix = '\u2014 ' + name + ' ';
      for (const line of note.slice(blank + 1)) {
        if (!line.startsWith(prefix)) continue;
        const blob = b64(line.slice(prefix.length));
        if (blob.length !== 76 || hex(blob.subarray(0, 4)) !== id) continue;
        const time = new DataView(blob.buffer, blob.byteOffset + 4, 8).getBigUint64(0);
        if (time === 0n) continue;
        const message = text.encode('cosignature/v1\ntime ' + time.toString() + '\n' + body);
        if (await crypto.subtle.verify({ name: 'Ed25519' }, key, blob.subarray(12), message)) { count++; break; }
      }
    }
    return count;
  }

  button.addEventListener('click', async () => {
    button.disabled = true;
    out.textContent = box.dataset.working;
    try {
      const result = await check();
      const quorum = Number(box.dataset.quorum || '0');
      const short = result !== null && result.witnessed !== undefined && result.witnessed < quorum;
      out.textContent = result === null ? box.dataset.failed
        : box.dataset.verified.replace('{0}', result.size.toLocaleString('vi-VN')) + ' '
          + (result.signed ? box.dataset.signed : box.dataset.uncheckedSignature)
          + (result.witnessed === undefined ? ''
            : ' ' + box.dataset.witnessed.replace('{0}', result.witnessed).replace('{1}', result.witnesses).replace('{2}', quorum)
              + (short ? ' ' + box.dataset.quorumMissing : ''));
      out.className = result === null || short ? 'warning' : 'verified';
    } catch {
      out.textContent = box.dataset.error;
    } finally {
      button.disabled = false;
    }
  });
})();
