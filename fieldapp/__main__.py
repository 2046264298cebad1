from fieldapp.launch import main

raise SystemExit(main())
