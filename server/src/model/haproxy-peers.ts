/**
 * `peers` sections and the local peer name, as HAProxy 2.6.12 reads them (src/cfgparse.c cfg_parse_peers(),
 * src/cfgparse-global.c 'localpeer', src/haproxy.c init()): the local peer is the `peer`/`server` line whose name
 * equals the local peer name, which is global `localpeer`, else the host name (`-L` on the command line overrides
 * both; ha-lint cannot see it). Before 3.1 a `localpeer` written after a peers section is ignored with a warning;
 * from 3.1 (d253f3082, cfgparse-global.c cfg_parse_global_localpeer() at v3.1.0/v3.2.0) it is read in the discovery
 * pass, before any section, wherever it stands.
 */
import type { Location } from "../syntax/source.js";
import type { HaproxyDocument, HpWord } from "../syntax/haproxy/tree.js";
import { atLeast } from "../schema/versions.js";
import type { HaproxyPeers, PeersSection } from "./types.js";

const wordLoc = (file: string, word: HpWord): Location => ({ file, range: word.range });

export function readPeers(docs: readonly HaproxyDocument[], version?: string): HaproxyPeers {
  const result: HaproxyPeers = { sections: [] };
  // Files are read in load order (`-f a.cfg -f conf.d/`): a localpeer after a peers section of an earlier file is
  // after it too.
  for (const doc of docs) readDocumentPeers(doc, version, result);
  return result;
}

function readDocumentPeers(doc: HaproxyDocument, version: string | undefined, result: HaproxyPeers): void {
  const file = doc.file;
  const readFirst = version !== undefined && atLeast("haproxy", version, "3.1");
  for (const section of doc.sections) {
    if (section.kind === "global") {
      for (const line of section.lines) {
        if (line.keyword.value !== "localpeer" || !line.args[0]?.value) continue;
        const location = wordLoc(file, line.args[0]);
        // cfgparse-global.c before 3.1: ignored ("used after 'peers' section") once a peers section has been read.
        if (result.sections.length > 0 && !readFirst) result.ignoredLocalPeer = location;
        else result.localPeer = { value: line.args[0].value, location };
      }
      continue;
    }
    if (section.kind !== "peers" || !section.name) continue;
    const peers: PeersSection = {
      name: section.name.value,
      location: { file, range: section.header.range },
      peers: [],
      disabled: false,
    };
    for (const line of section.lines) {
      const keyword = line.keyword.value;
      if (keyword === "disabled") peers.disabled = true;
      else if (keyword === "enabled") peers.disabled = false;
      if ((keyword !== "peer" && keyword !== "server") || !line.args[0]) continue;
      const addressWord = line.args[1];
      peers.peers.push({
        name: line.args[0].value,
        nameLocation: wordLoc(file, line.args[0]),
        location: { file, range: line.range },
        ...(addressWord && /[:.]/.test(addressWord.value) ? { address: addressWord.value } : {}),
      });
    }
    result.sections.push(peers);
  }
}
