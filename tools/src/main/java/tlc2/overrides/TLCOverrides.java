package tlc2.overrides;

import dev.tcpv.validate.TraceHints;

/**
 * The Java definitions TLC 2.18 substitutes for TLA+ operators: it loads the class of exactly this name and
 * takes the {@link TLAPlusOperator}-annotated methods of the classes {@link #get()} lists. The only one is
 * {@link TraceHints#hint}, for an operator of the module {@code tcpv validate} generates; no other module
 * (the spec, the models, the proofs) defines it, so model checking is untouched.
 */
public final class TLCOverrides implements ITLCOverrides {

  @Override
  @SuppressWarnings("rawtypes") // The interface declares a raw Class[]: the classes listed, of any type.
  public Class[] get() {
    return new Class[] {TraceHints.class};
  }
}
