/*
 * no_tls.c - keeps libgit2 from loading the system's CA certificates.
 *
 * Debian's libgit2 is built with mbedTLS, and git_libgit2_init() parses
 * every certificate of the system bundle (about 140 of them) so that a
 * later HTTPS fetch could verify its server: 4 ms, a third of the
 * pre-commit check of a 10,000-pilot repository, paid on every commit.
 * pilotlog never opens a network connection. This function takes the
 * place of mbedTLS's function of the same name in this program only (the
 * dynamic linker looks in the program before the libraries), so libgit2
 * ends up trusting no certificate at all: an HTTPS connection made
 * through it would fail to verify, never succeed unverified. A libgit2
 * built with OpenSSL does not call it.
 */
struct mbedtls_x509_crt;

int mbedtls_x509_crt_parse_file(struct mbedtls_x509_crt *chain, const char *path);

int mbedtls_x509_crt_parse_file(struct mbedtls_x509_crt *chain, const char *path)
{
    (void)chain;
    (void)path;
    return 0;
}
