/** TLC's hook for Java definitions of TLA+ operators: tcpv's registry (its name is fixed by TLC). */
@NullMarked
package tlc2.overrides;

import org.jspecify.annotations.NullMarked;
