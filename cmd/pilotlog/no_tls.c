/*
 * no_tls.c - keeps libgit2 from loading the system's CA certificates.
 *
 * Debian's libgit2 is built with mbedTLS, and git_libgit2_init() parses
 * every certificate of the system bundle (about 140 of them) so that a
 * later HTTPS fetch could verify its server: 4 ms, a third of the
 * pre-commit check of a 10,000-pilot repository, paid on every commit.
 * pilotlog never opens a network connection. This function takes the
 * place of mbedTLS's mbedtls_x509_crt_parse_file in this program only, so
 * libgit2 ends up trusting no certificate at all: an HTTPS connection
 * made through it would fail to verify, never succeed unverified.
 *
 * Linked statically (the default), the linker sends libgit2's call here
 * (--wrap); linked against the shared libraries, the dynamic linker binds
 * it here because it looks in the program before the libraries. A
 * libgit2 built with OpenSSL does not call it.
 */
struct mbedtls_x509_crt;

#ifdef PL_WRAP_TLS
#define PL_CRT_PARSE_FILE __wrap_mbedtls_x509_crt_parse_file
#else
#define PL_CRT_PARSE_FILE mbedtls_x509_crt_parse_file
#endif

int PL_CRT_PARSE_FILE(struct mbedtls_x509_crt *chain, const char *path);

int PL_CRT_PARSE_FILE(struct mbedtls_x509_crt *chain, const char *path)
{
    (void)chain;
    (void)path;
    return 0;
}
