import { defineCases } from "../rule.js";
import type rule from "./http-check-url.js";

const server = (checks: string): string => `virtual_server 192.0.2.101 80 {
  protocol TCP
  lb_algo rr
  lb_kind DR
  real_server 192.0.2.11 80 {
${checks}  }
}
`;

export default defineCases<typeof rule>({
  valid: [
    {
      name: "a url with its path and a digest",
      files: {
        "keepalived.conf": server(`    HTTP_GET {
      url {
        path /health
        digest 9b3a0c85a887a256d6939da88aabd8cd
      }
    }
`),
      },
    },
  ],
  invalid: [
    {
      name: "digests keepalived cannot take, a url without path",
      files: {
        "keepalived.conf": server(`    HTTP_GET {
      url {
        path /
        digest 9b3a0c85a887a256d6939da88aabd8cd
        digest 9b3a0c85a887a256d6939da88aabd8ce
      }
      url {
        digest <md5-of-the-page>
      }
      url {
        path /x
        digest zz3a0c85a887a256d6939da88aabd8cd
      }
    }
`),
      },
      realTool: "digest '<md5-of-the-page>' character length should be 32 rather than 17",
      expect: [
        { line: 10, messageId: "digestTwice" },
        { line: 13, messageId: "digestLength" },
        { line: 14, messageId: "noPath" },
        { line: 17, messageId: "digestNotHex" },
      ],
    },
    {
      name: "an SSL_GET without url: keepalived 2.2.7 crashes",
      files: {
        "keepalived.conf": server(`    SSL_GET {
    }
`),
      },
      settings: { keepalivedVersion: "2.2.7" },
      realTool: "HTTP/SSL_GET checker has no urls specified - ignoring",
      expect: [{ line: 7, messageId: "noUrlsCrash", severity: "error" }],
    },
    {
      name: "an SSL_GET without url, keepalived 2.2.8 (the default) and 2.3",
      files: {
        "keepalived.conf": server(`    SSL_GET {
    }
`),
      },
      expect: [{ line: 7, messageId: "noUrls", severity: "warning" }],
    },
    {
      name: "an SSL_GET without url, keepalived 2.3",
      files: {
        "keepalived.conf": server(`    SSL_GET {
    }
`),
      },
      settings: { keepalivedVersion: "2.3" },
      realTool: "HTTP/SSL_GET checker has no urls specified - ignoring",
      expect: [{ line: 7, messageId: "noUrls", severity: "warning" }],
    },
  ],
});
