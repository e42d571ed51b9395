package dev.tcpv.manifest;

/** The manifest is missing, is not valid JSON, or an entry is malformed; the message is one line. */
public final class ManifestException extends Exception {
  private static final long serialVersionUID = 1L;

  public ManifestException(String message) {
    super(message);
  }
}
