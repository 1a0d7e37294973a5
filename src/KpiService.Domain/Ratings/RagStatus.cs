namespace KpiService.Domain.Ratings;

public enum RagStatus { Green, Amber, Red, Unrated }

public enum Direction { Up, Down, Flat }

public enum Judgement { Improving, Declining, Stable, NotApplicable }
