// Brings in the type declarations of the jest matchers that `Testing.setupJest()` installs at run time.
import 'cdktf/lib/testing/adapters/jest';
