// OpenSSL's libcrypto, which libcurl already brings in: one SHA-256 for the plan fingerprint.
#include <openssl/sha.h>
